import type { CardLink } from '../iso7816/apdu'
import { withDeadline, type ScheduleTimeout } from '../iso7816/deadline'
import { CardError, CardRemovedError } from '../iso7816/errors'
import type { PcscReaderHandle } from './binding'
import { mapPcscError } from './pcsc-errors'
import { unixControlCode } from './reader-features'
import { queryReaderLimit, type ReaderControl, type ReaderLimit } from './reader-limit'

export type CardProtocol = 'T0' | 'T1'
export type ShareMode = 'exclusive' | 'shared'
export type Disposition = 'leave' | 'reset' | 'unpower'

/** What the link needs to know about its reader from the service that watches it. */
export interface ReaderWatch {
  readonly cardPresent: boolean
  readonly atr: Uint8Array | undefined
  /** Resolves true once the card is reported gone, false if it is still there after `ms`. */
  waitForRemoval(ms: number): Promise<boolean>
}

export interface PcscLinkOptions {
  share: ShareMode
  transmitTimeoutMs: number
  connectTimeoutMs: number
  /**
   * How long a failed transmit waits for pcscd to report the card gone before calling it a
   * transport error: a card pulled mid-command shows up first as "transaction failed".
   */
  removalGraceMs: number
  schedule: ScheduleTimeout
}

/** Enough for an extended response (65536 bytes + SW). */
const MAX_RESPONSE = 65538
/** Part 10 answers are a few TLVs; pcsc-lite's own buffer for them is this size. */
const MAX_CONTROL_RESPONSE = 264

function disposition(handle: PcscReaderHandle, value: Disposition): number {
  if (value === 'reset') return handle.SCARD_RESET_CARD
  if (value === 'unpower') return handle.SCARD_UNPOWER_CARD
  return handle.SCARD_LEAVE_CARD
}

function nativeDisconnect(handle: PcscReaderHandle, how: number): Promise<void> {
  return new Promise((resolve, reject) => {
    handle.disconnect(how, (error) =>
      error ? reject(mapPcscError(error, 'disconnect')) : resolve(),
    )
  })
}

async function nativeConnect(handle: PcscReaderHandle, options: PcscLinkOptions): Promise<number> {
  // The binding skips SCardConnect when it believes it is still connected.
  if (handle.connected) await nativeDisconnect(handle, handle.SCARD_LEAVE_CARD).catch(() => {})
  const work = new Promise<number>((resolve, reject) => {
    handle.connect(
      {
        share_mode:
          options.share === 'shared' ? handle.SCARD_SHARE_SHARED : handle.SCARD_SHARE_EXCLUSIVE,
        protocol: handle.SCARD_PROTOCOL_T0 | handle.SCARD_PROTOCOL_T1,
      },
      (error, protocol) => (error ? reject(mapPcscError(error, 'connect')) : resolve(protocol)),
    )
  })
  const protocol = await withDeadline(work, options.connectTimeoutMs, options.schedule)
  if (protocol !== handle.SCARD_PROTOCOL_T0 && protocol !== handle.SCARD_PROTOCOL_T1) {
    await nativeDisconnect(handle, handle.SCARD_LEAVE_CARD).catch(() => {})
    throw CardError.of('TRANSPORT', `connect: card protocol ${protocol} is neither T=0 nor T=1`)
  }
  return protocol
}

/**
 * A connected card on a PC/SC reader. Transmits are serialised and each has a deadline; a card
 * removed mid-command fails with CardRemovedError; after a timeout the link is broken until
 * `reconnect()`, because the native call may still be running.
 */
export class PcscCardLink implements CardLink {
  private state: 'open' | 'removed' | 'broken' | 'closed' = 'open'
  private queue: Promise<unknown> = Promise.resolve()
  private inFlight = 0
  private readonly idleWaiters = new Set<() => void>()
  private readonly removalWaiters = new Set<(error: Error) => void>()
  private currentAtr: Uint8Array
  private limit: Promise<ReaderLimit> | null = null

  private constructor(
    private readonly handle: PcscReaderHandle,
    private readonly watch: ReaderWatch,
    private protocolCode: number,
    private readonly options: PcscLinkOptions,
    private readonly onClosed: (link: PcscCardLink) => void,
  ) {
    this.currentAtr = watch.atr ?? new Uint8Array(0)
  }

  static async open(
    handle: PcscReaderHandle,
    watch: ReaderWatch,
    options: PcscLinkOptions,
    onClosed: (link: PcscCardLink) => void,
  ): Promise<PcscCardLink> {
    const protocol = await nativeConnect(handle, options)
    return new PcscCardLink(handle, watch, protocol, options, onClosed)
  }

  get readerName(): string {
    return this.handle.name
  }

  get atr(): Uint8Array {
    return this.currentAtr
  }

  get protocol(): CardProtocol {
    return this.protocolCode === this.handle.SCARD_PROTOCOL_T0 ? 'T0' : 'T1'
  }

  get status(): 'open' | 'removed' | 'broken' | 'closed' {
    return this.state
  }

  /** Native calls still running (a timed-out transmit keeps its worker until pcscd answers). */
  get busy(): boolean {
    return this.inFlight > 0
  }

  transmit(command: Uint8Array): Promise<Uint8Array> {
    return this.enqueue(() => this.transmitNow(command))
  }

  /** What the reader says of its own APDU size (PC/SC part 10), asked once per link. */
  readerLimit(): Promise<ReaderLimit> {
    const control = this.handle.control
      ? (code: number, data: Uint8Array) => this.controlNow(code, data)
      : null
    const code = (ioctl: number) => this.handle.SCARD_CTL_CODE?.(ioctl) ?? unixControlCode(ioctl)
    this.limit ??= this.enqueue(() => queryReaderLimit(control, code))
    return this.limit
  }

  async readerMaxApduData(): Promise<number | null> {
    const limit = await this.readerLimit()
    return limit.reported ? limit.maxApduData : null
  }

  /** Reconnects to the card, by default after a warm reset; repairs a broken link. */
  async reconnect(options: { reset?: boolean } = {}): Promise<void> {
    await this.queue
    if (this.state === 'closed') throw CardError.of('LINK_CLOSED')
    await this.idle(this.options.transmitTimeoutMs)
    if (this.busy) throw CardError.of('LINK_BROKEN', 'the reader still has a command running')
    if (!this.watch.cardPresent) throw new CardRemovedError('no card to reconnect to')
    const how =
      options.reset === false ? this.handle.SCARD_LEAVE_CARD : this.handle.SCARD_RESET_CARD
    await nativeDisconnect(this.handle, how).catch(() => {})
    this.protocolCode = await nativeConnect(this.handle, this.options)
    this.currentAtr = this.watch.atr ?? this.currentAtr
    this.state = 'open'
  }

  /** Releases the card (left as is by default). Never throws: the card may be gone already. */
  async disconnect(options: { disposition?: Disposition } = {}): Promise<void> {
    if (this.state === 'closed') return
    this.state = 'closed'
    this.rejectWaiters(CardError.of('LINK_CLOSED'))
    await this.idle(this.options.transmitTimeoutMs)
    if (!this.busy) {
      const how = disposition(this.handle, options.disposition ?? 'leave')
      await withDeadline(
        nativeDisconnect(this.handle, how),
        this.options.connectTimeoutMs,
        this.options.schedule,
      ).catch(() => {})
    }
    this.onClosed(this)
  }

  /** Called by the service when pcscd reports the card gone. */
  cardRemoved(): void {
    if (this.state === 'closed') return
    this.state = 'removed'
    this.rejectWaiters(new CardRemovedError('the reader reported the card removed'))
  }

  /** Resolves once no native call runs, or after `ms`. */
  idle(ms: number): Promise<void> {
    if (!this.busy) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        cancel()
        this.idleWaiters.delete(done)
        resolve()
      }
      const cancel = this.options.schedule(ms, done)
      this.idleWaiters.add(done)
    })
  }

  /** Transmits and control calls are serialised: the binding holds one card handle. */
  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  private controlNow: ReaderControl = (code, data) => {
    const control = this.handle.control
    if (!control)
      return Promise.reject(CardError.of('TRANSPORT', 'the binding has no SCardControl'))
    if (this.state !== 'open') return Promise.reject(CardError.of('LINK_CLOSED'))
    const native = new Promise<Uint8Array>((resolve, reject) => {
      this.inFlight++
      control.call(
        this.handle,
        Buffer.from(data),
        code,
        MAX_CONTROL_RESPONSE,
        (error, response) => {
          this.inFlight--
          if (!this.busy) for (const wake of [...this.idleWaiters]) wake()
          if (error) reject(mapPcscError(error, 'control'))
          else resolve(new Uint8Array(response))
        },
      )
    })
    return withDeadline(native, this.options.transmitTimeoutMs, this.options.schedule)
  }

  private async transmitNow(command: Uint8Array): Promise<Uint8Array> {
    if (this.state === 'closed') throw CardError.of('LINK_CLOSED')
    if (this.state === 'removed') throw new CardRemovedError()
    if (this.state === 'broken') {
      throw CardError.of('LINK_BROKEN', 'a transmit timed out; reconnect first')
    }
    const native = new Promise<Uint8Array>((resolve, reject) => {
      this.inFlight++
      this.handle.transmit(
        Buffer.from(command),
        MAX_RESPONSE,
        this.protocolCode,
        (error, response) => {
          this.inFlight--
          if (!this.busy) for (const wake of [...this.idleWaiters]) wake()
          if (error) reject(mapPcscError(error, 'transmit'))
          // vpcd answers an empty "success" when its card vanishes mid-command.
          else if (response.length < 2) {
            reject(CardError.of('TRANSPORT', `transmit: response of ${response.length} bytes`))
          } else resolve(new Uint8Array(response))
        },
      )
    })
    let stopWaiting: (error: Error) => void = () => {}
    const removed = new Promise<never>((_resolve, reject) => {
      stopWaiting = reject
      this.removalWaiters.add(reject)
    })
    // Whichever loses the race must not become an unhandled rejection.
    native.catch(() => {})
    removed.catch(() => {})
    try {
      return await withDeadline(
        Promise.race([native, removed]),
        this.options.transmitTimeoutMs,
        this.options.schedule,
        () => {
          if (this.state === 'open') this.state = 'broken'
        },
      )
    } catch (error) {
      if (error instanceof CardError && error.code === 'TRANSPORT') {
        const state = this.state as string
        if (state === 'removed' || (await this.watch.waitForRemoval(this.options.removalGraceMs))) {
          this.cardRemoved()
          throw new CardRemovedError('the card left during a command', { cause: error })
        }
      }
      throw error
    } finally {
      this.removalWaiters.delete(stopWaiting)
    }
  }

  private rejectWaiters(error: Error): void {
    for (const reject of this.removalWaiters) reject(error)
    this.removalWaiters.clear()
  }
}
