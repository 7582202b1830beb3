import type { FingerImage } from '../finger-image'
import type { ByteStream } from '../transport/byte-stream'
import { sleep, systemClock, type Clock } from '../transport/clock'
import { TransportError } from '../transport/errors'
import { DEFAULT_ADDRESS } from './codec'
import { CONFIRMATION, Ef01ConfirmationError } from './confirmation'
import { Ef01ProtocolError, Ef01TimeoutError } from './errors'
import { ImageUploadAssembler, type UploadProgress } from './image-upload'
import { baudMultiplier, INSTRUCTION, packetSizeCode, SYS_PARA_REGISTER, u32 } from './instructions'
import { Ef01Link, throwIfAborted, toCancelled } from './link'
import { parseSystemParameters, type SystemParameters } from './system-parameters'

export type { UploadProgress } from './image-upload'

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

  private readonly link: Ef01Link
  private currentState: Ef01State = 'closed'
  private info: Ef01ModuleInfo | null = null
  private lock: Promise<unknown> = Promise.resolve()

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
    this.link = new Ef01Link(stream, {
      clock: this.clock,
      address: this.address,
      quietMs: options.quietMs,
      quietLimitMs: options.quietLimitMs,
    })
  }

  /** Every byte written and read through this driver, for transfer statistics. */
  get bytesSent(): number {
    return this.link.bytesSent
  }

  get bytesReceived(): number {
    return this.link.bytesReceived
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
    this.link.attach(() => this.setState('failed'))
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
        readyByteSeen: this.link.readyByteSeen,
        useGetImageEx: this.options.useGetImageEx ?? handshake === 'instruction',
      }
      this.setState('idle')
      return this.info
    } catch (error) {
      this.setState(this.stream.closed ? 'failed' : 'closed')
      this.link.detach()
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
      const upload = new ImageUploadAssembler(this.imageSpec)
      const start = this.clock.now()
      this.setState('uploading')
      let finished = false
      try {
        throwIfAborted(options.signal)
        await this.command(INSTRUCTION.UP_IMAGE)
        for (let last = false; !last;) {
          const packet = await this.link.nextPacket('data', this.dataTimeoutMs, options.signal)
          const added = upload.add(packet)
          options.onProgress?.(added.progress)
          last = added.last
        }
        finished = true
        const image: FingerImage = upload.image()
        return { image, wireBytes: upload.wireBytes, elapsedMs: this.clock.now() - start }
      } catch (error) {
        // An upload stopped half-way leaves the module still talking: let it finish first.
        if (!finished) this.link.requireResync()
        throw error
      } finally {
        if (this.currentState === 'uploading') this.setState('idle')
      }
    })
  }

  async close(): Promise<void> {
    this.link.detach()
    this.link.rejectWaiter(new TransportError('closed'))
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

  private transact(
    instruction: number,
    params: ArrayLike<number>,
    timeoutMs = this.ackTimeoutMs,
  ): Promise<{ confirmation: number; data: Uint8Array }> {
    return this.link.transact(instruction, params, timeoutMs)
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
