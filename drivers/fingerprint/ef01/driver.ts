import type { FingerImage } from '../finger-image'
import type { ByteStream, Unsubscribe } from '../transport/byte-stream'
import { abortReason, sleep, systemClock, type Clock, type Timer } from '../transport/clock'
import { CancelledError, FingerprintError, TransportError } from '../transport/errors'
import { DEFAULT_ADDRESS, encodePacket, FRAME_OVERHEAD, PID, type Ef01Packet } from './codec'
import { CONFIRMATION, Ef01ConfirmationError } from './confirmation'
import { Ef01FrameError, Ef01ProtocolError, Ef01TimeoutError } from './errors'
import {
  baudMultiplier,
  INSTRUCTION,
  packetSizeCode,
  READY_BYTE,
  SYS_PARA_REGISTER,
  u32,
} from './instructions'
import { Ef01PacketReader, type ReaderEvent } from './packet-reader'
import { parseSystemParameters, type SystemParameters } from './system-parameters'
import { unpackGrey4 } from './unpack'

export type Ef01State =
  'closed' | 'opening' | 'idle' | 'awaiting-finger' | 'uploading' | 'awaiting-lift' | 'failed'

export interface Ef01DriverOptions {
  address?: number
  password?: number
  clock?: Clock
  /** Deadline for an acknowledge packet (GenImg takes up to about 1 s on real modules). */
  ackTimeoutMs?: number
  /** Deadline for the handshake instruction, which older modules ignore. */
  handshakeTimeoutMs?: number
  /** Longest gap allowed between two data packets of an upload. */
  dataTimeoutMs?: number
  /**
   * After a failed exchange the module may still be talking (the rest of an image, a late answer);
   * the next command waits until the line has been silent this long (at most quietLimitMs).
   */
  quietMs?: number
  quietLimitMs?: number
  /**
   * Native image of the module: 256 × 288 at 500 ppi for the R30x (default). An upload of another
   * known window (R503: 192 × 192) is recognised by its size.
   */
  image?: { width: number; height: number; ppi: number }
  /** Force GetImageEx on or off; by default it is used when the module knows the handshake (R50x). */
  useGetImageEx?: boolean
}

export interface Ef01ModuleInfo {
  parameters: SystemParameters
  /** How the module proved it is alive: the R50x handshake, or password verification alone. */
  handshake: 'instruction' | 'password'
  /** The R503's 0x55 power-up byte was seen. */
  readyByteSeen: boolean
  useGetImageEx: boolean
}

export interface UploadProgress {
  /** Image bytes (4-bit packed) received so far and expected in all. */
  bytesReceived: number
  bytesTotal: number
  /** Bytes on the wire so far, framing included. */
  wireBytes: number
  /** The packed image as far as it has arrived (a view; copy it to keep it). */
  packed: Uint8Array
}

export interface UploadResult {
  image: FingerImage
  /** Command + acknowledge + data packets, as they crossed the link. */
  wireBytes: number
  elapsedMs: number
}

export interface PollOptions {
  signal?: AbortSignal
  /** Pause between two GenImg polls. */
  pollIntervalMs?: number
}

type Waiter = {
  resolve: (packet: Ef01Packet) => void
  reject: (error: unknown) => void
}

/**
 * Host side of the EF01 protocol over any ByteStream. One command at a time (the UART is
 * half-duplex); every failure is a typed FingerprintError; no wait is without a deadline.
 */
export class Ef01Driver {
  private readonly clock: Clock
  private readonly address: number
  private readonly password: number
  private readonly ackTimeoutMs: number
  private readonly handshakeTimeoutMs: number
  private readonly dataTimeoutMs: number
  private readonly imageSpec: { width: number; height: number; ppi: number }

  private readonly reader = new Ef01PacketReader()
  private inbox: ReaderEvent[] = []
  private waiter: Waiter | null = null
  private readyByteSeen = false
  private closeError: TransportError | null = null
  private lock: Promise<unknown> = Promise.resolve()
  /** An exchange went wrong: wait for the line to go quiet before the next command. */
  private resync = false
  private lastByteAt = -Infinity
  private unsubscribe: Unsubscribe[] = []
  private currentState: Ef01State = 'closed'
  private info: Ef01ModuleInfo | null = null

  /** Every byte written and read through this driver, for transfer statistics. */
  bytesSent = 0
  bytesReceived = 0
  onStateChange: ((state: Ef01State) => void) | null = null

  constructor(
    private readonly stream: ByteStream,
    private readonly options: Ef01DriverOptions = {},
  ) {
    this.clock = options.clock ?? systemClock
    this.address = options.address ?? DEFAULT_ADDRESS
    this.password = options.password ?? 0
    this.ackTimeoutMs = options.ackTimeoutMs ?? 2000
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 300
    this.dataTimeoutMs = options.dataTimeoutMs ?? 1000
    this.imageSpec = options.image ?? { width: 256, height: 288, ppi: 500 }
  }

  get state(): Ef01State {
    return this.currentState
  }

  get moduleInfo(): Ef01ModuleInfo | null {
    return this.info
  }

  get label(): string {
    return this.stream.label
  }

  /** Handshake, password, system parameters. Throws Ef01TimeoutError when nothing answers. */
  async open(): Promise<Ef01ModuleInfo> {
    if (this.currentState !== 'closed') throw new Ef01ProtocolError('busy', 'already open')
    this.setState('opening')
    this.unsubscribe.push(
      this.stream.onData((chunk) => this.receive(chunk)),
      this.stream.onClose((error) => this.streamClosed(error)),
    )
    try {
      let handshake: Ef01ModuleInfo['handshake'] = 'password'
      try {
        await this.command(INSTRUCTION.HANDSHAKE, [], this.handshakeTimeoutMs)
        handshake = 'instruction'
      } catch (error) {
        // Older modules refuse or ignore the handshake; the password check below decides.
        if (!(error instanceof Ef01ConfirmationError || error instanceof Ef01TimeoutError)) {
          throw error
        }
      }
      await this.command(INSTRUCTION.VFY_PWD, u32(this.password))
      const parameters = await this.readParametersUnlocked()
      this.info = {
        parameters,
        handshake,
        readyByteSeen: this.readyByteSeen,
        useGetImageEx: this.options.useGetImageEx ?? handshake === 'instruction',
      }
      this.setState('idle')
      return this.info
    } catch (error) {
      this.setState(this.stream.closed ? 'failed' : 'closed')
      this.detach()
      throw error
    }
  }

  async readSystemParameters(): Promise<SystemParameters> {
    return this.exclusive(async () => {
      const parameters = await this.readParametersUnlocked()
      if (this.info) this.info = { ...this.info, parameters }
      return parameters
    })
  }

  /** Switches the module, then the host side, to `baud` (N × 9600), and checks it took. */
  async setBaudRate(baud: number): Promise<SystemParameters> {
    const n = baudMultiplier(baud)
    return this.exclusive(async () => {
      await this.command(INSTRUCTION.SET_SYS_PARA, [SYS_PARA_REGISTER.BAUD, n])
      await this.stream.setBaudRate(baud)
      const parameters = await this.readParametersUnlocked()
      if (parameters.baudRate !== baud) {
        throw new Ef01ProtocolError('bad-parameter', `module reports ${parameters.baudRate} baud`)
      }
      if (this.info) this.info = { ...this.info, parameters }
      return parameters
    })
  }

  /** Data bytes per packet: 32, 64, 128 or 256 (bigger packets waste less on framing). */
  async setPacketSize(bytes: number): Promise<SystemParameters> {
    const code = packetSizeCode(bytes)
    return this.exclusive(async () => {
      await this.command(INSTRUCTION.SET_SYS_PARA, [SYS_PARA_REGISTER.PACKET_SIZE, code])
      const parameters = await this.readParametersUnlocked()
      if (this.info) this.info = { ...this.info, parameters }
      return parameters
    })
  }

  async verifyPassword(password: number): Promise<void> {
    await this.exclusive(() => this.command(INSTRUCTION.VFY_PWD, u32(password)))
  }

  /**
   * One image attempt: true when a finger was there and the image is in the module's buffer, false
   * when no finger. GetImageEx (R50x) may refuse a poor image with Ef01ConfirmationError 'poor-quality'.
   */
  async takeImage(): Promise<boolean> {
    return this.exclusive(() => this.takeImageUnlocked())
  }

  /** Polls until a finger is on the sensor and its image is in the module's buffer. */
  async waitForFinger(options: PollOptions = {}): Promise<void> {
    await this.poll('awaiting-finger', true, options)
  }

  /** Polls until the finger has left the sensor. */
  async waitForLift(options: PollOptions = {}): Promise<void> {
    await this.poll('awaiting-lift', false, options)
  }

  /** UpImage: reads the module's image buffer, unpacks it to 8 bits per pixel. */
  async uploadImage(
    options: { signal?: AbortSignal; onProgress?: (p: UploadProgress) => void } = {},
  ): Promise<UploadResult> {
    return this.exclusive(async () => {
      const { ppi } = this.imageSpec
      const total = packedSize(this.imageSpec)
      // Room for the largest window we know, in case the module is not the one configured.
      const packed = new Uint8Array(Math.max(total, ...KNOWN_WINDOWS.map(packedSize)))
      const start = this.clock.now()
      this.setState('uploading')
      let received = 0
      let wire = 0
      let finished = false
      try {
        throwIfAborted(options.signal)
        await this.command(INSTRUCTION.UP_IMAGE)
        wire = 2 * (FRAME_OVERHEAD + 1)
        for (;;) {
          const packet = await this.nextPacket('data', this.dataTimeoutMs, options.signal)
          if (packet.pid !== PID.DATA && packet.pid !== PID.END_DATA) {
            throw new Ef01ProtocolError(
              'unexpected-pid',
              `PID 0x${packet.pid.toString(16)} in an upload`,
            )
          }
          if (received + packet.payload.length > packed.length) {
            throw new Ef01ProtocolError('bad-image-size', `more than ${packed.length} image bytes`)
          }
          packed.set(packet.payload, received)
          received += packet.payload.length
          wire += FRAME_OVERHEAD + packet.payload.length
          const last = packet.pid === PID.END_DATA
          options.onProgress?.({
            bytesReceived: received,
            bytesTotal: last ? received : Math.max(total, received),
            wireBytes: wire,
            packed: packed.subarray(0, received),
          })
          if (last) break
        }
        finished = true
        const window = [this.imageSpec, ...KNOWN_WINDOWS].find((w) => packedSize(w) === received)
        if (!window) {
          throw new Ef01ProtocolError(
            'bad-image-size',
            `${received} image bytes, expected ${total}`,
          )
        }
        const image: FingerImage = {
          width: window.width,
          height: window.height,
          ppi,
          pixels: unpackGrey4(packed.subarray(0, received), window.width * window.height),
        }
        return { image, wireBytes: wire, elapsedMs: this.clock.now() - start }
      } catch (error) {
        // An upload stopped half-way leaves the module still talking: let it finish first.
        if (!finished) this.resync = true
        throw error
      } finally {
        if (this.currentState === 'uploading') this.setState('idle')
      }
    })
  }

  async close(): Promise<void> {
    this.detach()
    this.rejectWaiter(new TransportError('closed'))
    if (!this.stream.closed) await this.stream.close()
    this.setState('closed')
  }

  // ---- internals ------------------------------------------------------------------------------

  private async poll(state: Ef01State, wantFinger: boolean, options: PollOptions): Promise<void> {
    const interval = options.pollIntervalMs ?? 100
    await this.exclusive(async () => {
      this.setState(state)
      try {
        for (;;) {
          throwIfAborted(options.signal)
          const present = await this.takeImageUnlocked(!wantFinger)
          if (present === wantFinger) return
          await sleep(this.clock, interval, options.signal).catch((reason: unknown) => {
            throw toCancelled(reason)
          })
        }
      } finally {
        if (this.currentState === state) this.setState('idle')
      }
    })
  }

  private async takeImageUnlocked(plainGenImg = false): Promise<boolean> {
    const useEx = !plainGenImg && (this.info?.useGetImageEx ?? false)
    const instruction = useEx ? INSTRUCTION.GET_IMAGE_EX : INSTRUCTION.GEN_IMG
    const { confirmation } = await this.transact(instruction, [])
    if (confirmation === CONFIRMATION.OK) return true
    if (confirmation === CONFIRMATION.NO_FINGER) return false
    throw new Ef01ConfirmationError(confirmation, instruction)
  }

  private async readParametersUnlocked(): Promise<SystemParameters> {
    return parseSystemParameters(await this.command(INSTRUCTION.READ_SYS_PARA))
  }

  /** Sends a command and returns the reply's data; a confirmation other than 00 throws. */
  private async command(
    instruction: number,
    params: ArrayLike<number> = [],
    timeoutMs = this.ackTimeoutMs,
  ): Promise<Uint8Array> {
    const { confirmation, data } = await this.transact(instruction, params, timeoutMs)
    if (confirmation !== CONFIRMATION.OK) throw new Ef01ConfirmationError(confirmation, instruction)
    return data
  }

  private async transact(
    instruction: number,
    params: ArrayLike<number>,
    timeoutMs = this.ackTimeoutMs,
  ): Promise<{ confirmation: number; data: Uint8Array }> {
    this.assertUsable()
    if (this.resync) await this.waitForQuiet()
    // Whatever is still buffered belongs to an earlier exchange.
    this.reader.reset()
    this.inbox = []
    const payload = new Uint8Array(1 + params.length)
    payload[0] = instruction
    payload.set(Array.from(params), 1)
    const bytes = encodePacket({ address: this.address, pid: PID.COMMAND, payload })
    try {
      await this.stream.write(bytes)
    } catch (error) {
      throw error instanceof FingerprintError
        ? error
        : new TransportError('write-failed', String(error))
    }
    this.bytesSent += bytes.length
    const reply = await this.nextPacket('ack', timeoutMs)
    if (reply.pid !== PID.ACK) {
      throw new Ef01ProtocolError(
        'unexpected-pid',
        `PID 0x${reply.pid.toString(16)} instead of an ACK`,
      )
    }
    const confirmation = reply.payload[0]
    if (confirmation === undefined) throw new Ef01ProtocolError('short-reply', 'empty ACK')
    return { confirmation, data: reply.payload.subarray(1) }
  }

  /** The next packet from the module, or a typed error; never waits past `timeoutMs` of silence. */
  private nextPacket(
    awaiting: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Ef01Packet> {
    const queued = this.takeFromInbox()
    if (queued) return queued
    this.assertUsable()
    return new Promise<Ef01Packet>((resolve, reject) => {
      let timer: Timer | null = null
      const cleanup = () => {
        timer?.cancel()
        signal?.removeEventListener('abort', onAbort)
        this.waiter = null
      }
      const onAbort = () => {
        cleanup()
        reject(toCancelled(abortReason(signal)))
      }
      if (signal?.aborted) {
        reject(toCancelled(abortReason(signal)))
        return
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      timer = this.clock.after(timeoutMs, () => {
        cleanup()
        // Bytes held by the reader are the start of a packet whose end never came.
        reject(new Ef01TimeoutError(awaiting, timeoutMs, this.reader.buffered > 0))
      })
      this.waiter = {
        resolve: (packet) => {
          cleanup()
          resolve(packet)
        },
        reject: (error) => {
          cleanup()
          reject(error)
        },
      }
    })
  }

  private takeFromInbox(): Promise<Ef01Packet> | null {
    for (;;) {
      const event = this.inbox.shift()
      if (!event) return null
      if (event.kind === 'packet') return Promise.resolve(event.packet)
      if (event.kind === 'error') return Promise.reject(event.error)
    }
  }

  private receive(chunk: Uint8Array): void {
    this.bytesReceived += chunk.length
    this.lastByteAt = this.clock.now()
    for (const event of this.reader.push(chunk)) {
      if (event.kind === 'skipped') {
        if (event.bytes.includes(READY_BYTE)) this.readyByteSeen = true
        continue
      }
      if (event.kind === 'packet' && event.packet.address !== this.address) {
        this.deliver({
          kind: 'error',
          error: new Ef01FrameError(
            'bad-header',
            `packet from address 0x${event.packet.address.toString(16)}`,
          ),
        })
        continue
      }
      this.deliver(event)
    }
  }

  private deliver(event: ReaderEvent): void {
    const waiter = this.waiter
    if (waiter && this.inbox.length === 0) {
      if (event.kind === 'packet') waiter.resolve(event.packet)
      else if (event.kind === 'error') waiter.reject(event.error)
      return
    }
    this.inbox.push(event)
  }

  /** Waits until nothing has arrived for quietMs (bounded), then forgets what did arrive. */
  private async waitForQuiet(): Promise<void> {
    const quiet = this.options.quietMs ?? 50
    const deadline = this.clock.now() + (this.options.quietLimitMs ?? 15_000)
    for (;;) {
      const silentFor = this.clock.now() - this.lastByteAt
      if (silentFor >= quiet || this.clock.now() >= deadline) break
      await sleep(this.clock, quiet - silentFor)
      this.assertUsable()
    }
    this.resync = false
  }

  private streamClosed(error: TransportError | null): void {
    this.closeError = error ?? new TransportError('closed')
    if (error) this.setState('failed')
    this.rejectWaiter(this.closeError)
  }

  private rejectWaiter(error: unknown): void {
    const waiter = this.waiter
    this.waiter = null
    waiter?.reject(error)
  }

  private assertUsable(): void {
    if (this.closeError) throw this.closeError
    if (this.stream.closed) throw new TransportError('closed')
  }

  private detach(): void {
    for (const off of this.unsubscribe.splice(0)) off()
  }

  private setState(state: Ef01State): void {
    if (this.currentState === state) return
    this.currentState = state
    this.onStateChange?.(state)
  }

  /** Runs `fn` after every earlier operation, so two callers never interleave packets. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(() => {
      if (this.currentState === 'closed' || this.currentState === 'opening') {
        throw new Ef01ProtocolError('not-open', 'open() the driver first')
      }
      return fn()
    })
    this.lock = run.catch(() => undefined)
    return run
  }
}

/**
 * Sensor windows of the family, told apart by the size of the upload (the protocol does not say):
 * R30x / AS608 256 × 288, R503 192 × 192 (its datasheet's sensing array).
 */
const KNOWN_WINDOWS: readonly { width: number; height: number }[] = [
  { width: 256, height: 288 },
  { width: 192, height: 192 },
]

function packedSize(window: { width: number; height: number }): number {
  return Math.ceil((window.width * window.height) / 2)
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw toCancelled(abortReason(signal))
}

function toCancelled(reason: unknown): FingerprintError {
  if (reason instanceof FingerprintError) return reason
  return new CancelledError(reason instanceof Error ? reason.message : null)
}
