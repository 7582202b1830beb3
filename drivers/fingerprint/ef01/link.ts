import type { ByteStream, Unsubscribe } from '../transport/byte-stream'
import { abortReason, sleep, type Clock, type Timer } from '../transport/clock'
import { CancelledError, FingerprintError, TransportError } from '../transport/errors'
import { encodePacket, PID, type Ef01Packet } from './codec'
import { Ef01FrameError, Ef01ProtocolError, Ef01TimeoutError } from './errors'
import { READY_BYTE } from './instructions'
import { Ef01PacketReader, type ReaderEvent } from './packet-reader'

export interface Ef01LinkOptions {
  clock: Clock
  address: number
  /** See Ef01DriverOptions.quietMs / quietLimitMs. */
  quietMs?: number
  quietLimitMs?: number
}

type Waiter = {
  resolve: (packet: Ef01Packet) => void
  reject: (error: unknown) => void
}

/**
 * The packet layer under the EF01 driver: writes command packets, turns the byte stream into
 * packets addressed to us, hands each to whoever waits (or queues it), and after a failed exchange
 * lets the line go quiet before the next command. Knows nothing of instructions or driver state.
 */
export class Ef01Link {
  private readonly reader = new Ef01PacketReader()
  private inbox: ReaderEvent[] = []
  private waiter: Waiter | null = null
  private closeError: TransportError | null = null
  /** An exchange went wrong: wait for the line to go quiet before the next command. */
  private resync = false
  private lastByteAt = -Infinity
  private unsubscribe: Unsubscribe[] = []

  /** The R503's 0x55 power-up byte was seen. */
  readyByteSeen = false
  /** Every byte written and read through this link, for transfer statistics. */
  bytesSent = 0
  bytesReceived = 0

  constructor(
    private readonly stream: ByteStream,
    private readonly options: Ef01LinkOptions,
  ) {}

  /** Starts listening; `onStreamFailed` runs when the stream closes with an error. */
  attach(onStreamFailed: () => void): void {
    this.unsubscribe.push(
      this.stream.onData((chunk) => this.receive(chunk)),
      this.stream.onClose((error) => {
        this.closeError = error ?? new TransportError('closed')
        if (error) onStreamFailed()
        this.rejectWaiter(this.closeError)
      }),
    )
  }

  detach(): void {
    for (const off of this.unsubscribe.splice(0)) off()
  }

  /** The module may still be talking (a half-sent upload): the next command waits for silence. */
  requireResync(): void {
    this.resync = true
  }

  /** Sends one command packet and returns the acknowledge's confirmation code and data. */
  async transact(
    instruction: number,
    params: ArrayLike<number>,
    timeoutMs: number,
  ): Promise<{ confirmation: number; data: Uint8Array }> {
    this.assertUsable()
    if (this.resync) await this.waitForQuiet()
    // Whatever is still buffered belongs to an earlier exchange.
    this.reader.reset()
    this.inbox = []
    const payload = new Uint8Array(1 + params.length)
    payload[0] = instruction
    payload.set(Array.from(params), 1)
    const bytes = encodePacket({ address: this.options.address, pid: PID.COMMAND, payload })
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
  nextPacket(awaiting: string, timeoutMs: number, signal?: AbortSignal): Promise<Ef01Packet> {
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
      timer = this.options.clock.after(timeoutMs, () => {
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

  rejectWaiter(error: unknown): void {
    const waiter = this.waiter
    this.waiter = null
    waiter?.reject(error)
  }

  assertUsable(): void {
    if (this.closeError) throw this.closeError
    if (this.stream.closed) throw new TransportError('closed')
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
    this.lastByteAt = this.options.clock.now()
    for (const event of this.reader.push(chunk)) {
      if (event.kind === 'skipped') {
        if (event.bytes.includes(READY_BYTE)) this.readyByteSeen = true
        continue
      }
      if (event.kind === 'packet' && event.packet.address !== this.options.address) {
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
    const { clock } = this.options
    const quiet = this.options.quietMs ?? 50
    const deadline = clock.now() + (this.options.quietLimitMs ?? 15_000)
    for (;;) {
      const silentFor = clock.now() - this.lastByteAt
      if (silentFor >= quiet || clock.now() >= deadline) break
      await sleep(clock, quiet - silentFor)
      this.assertUsable()
    }
    this.resync = false
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw toCancelled(abortReason(signal))
}

export function toCancelled(reason: unknown): FingerprintError {
  if (reason instanceof FingerprintError) return reason
  return new CancelledError(reason instanceof Error ? reason.message : null)
}
