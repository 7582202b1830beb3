import {
  createFramer,
  type FrameEvent,
  type FramerOptions,
  type FrameRefusal,
} from '../codec/framer'
import { BarcodeLinkError, type ScannerLink, type Unsubscribe } from '../transport/link'
import { systemClock, type Clock, type Timer } from './clock'

export type ScannerState = 'closed' | 'opening' | 'ready' | 'error' | 'closing'

export interface ScannerDriverEvents {
  /** One decoded payload, as the scanner sent it (prefix, suffix and terminator removed). */
  payload: (text: string) => void
  /** Bytes that framed into no payload: invalid UTF-8, over the limit, or cut off. */
  refused: (reason: FrameRefusal, byteLength: number) => void
  state: (state: ScannerState, error: BarcodeLinkError | null) => void
}

export interface ScannerDriverOptions {
  clock?: Clock
  framing?: FramerOptions
}

type Listeners = { [E in keyof ScannerDriverEvents]: Set<ScannerDriverEvents[E]> }

/**
 * A serial barcode scanner: closed → opening → ready, and back through closing; a port that fails
 * to open or goes away leaves it in error (open() again from there). In ready it frames the bytes
 * the link delivers and emits each payload; a payload cut off mid-way is refused after the framer's
 * idle timeout on the injected clock.
 */
export class BarcodeScannerDriver {
  private current: ScannerState = 'closed'
  private failure: BarcodeLinkError | null = null
  private link: ScannerLink | null = null
  private unsubscribe: Unsubscribe[] = []
  private idleTimer: Timer | null = null
  private readonly clock: Clock
  private readonly framer
  private readonly listeners: Listeners = {
    payload: new Set(),
    refused: new Set(),
    state: new Set(),
  }

  constructor(
    private readonly openLink: () => Promise<ScannerLink>,
    options: ScannerDriverOptions = {},
  ) {
    this.clock = options.clock ?? systemClock
    this.framer = createFramer(options.framing)
  }

  get state(): ScannerState {
    return this.current
  }

  /** Why the driver is in error; null otherwise. */
  get error(): BarcodeLinkError | null {
    return this.failure
  }

  get label(): string | null {
    return this.link?.label ?? null
  }

  on<E extends keyof ScannerDriverEvents>(event: E, listener: ScannerDriverEvents[E]): Unsubscribe {
    const set = this.listeners[event] as Set<ScannerDriverEvents[E]>
    set.add(listener)
    return () => set.delete(listener)
  }

  /** Opens the link; resolves in ready, rejects (and stays in error) when the port will not open. */
  async open(): Promise<void> {
    if (this.current !== 'closed' && this.current !== 'error') {
      throw new Error(`the scanner is ${this.current}; open it from closed or error`)
    }
    this.setState('opening', null)
    let link: ScannerLink
    try {
      link = await this.openLink()
    } catch (error) {
      const failure =
        error instanceof BarcodeLinkError
          ? error
          : new BarcodeLinkError(
              'open-failed',
              error instanceof Error ? error.message : String(error),
            )
      this.setState('error', failure)
      throw failure
    }
    if (!this.isOpening()) {
      // close() came while the port was opening: let the port go, stay closed.
      await link.close().catch(() => undefined)
      return
    }
    this.link = link
    this.unsubscribe = [
      link.onData((chunk) => this.emitFrames(this.framer.push(chunk, this.clock.now()))),
      link.onClose((error) => this.linkClosed(error)),
    ]
    this.setState('ready', null)
  }

  async close(): Promise<void> {
    if (this.current === 'closed' || this.current === 'closing') return
    const link = this.link
    this.setState('closing', null)
    this.detach()
    await link?.close().catch(() => undefined)
    this.setState('closed', null)
  }

  /** A method, not a property read: TypeScript would keep the narrowing from before the await. */
  private isOpening(): boolean {
    return this.current === 'opening'
  }

  private linkClosed(error: BarcodeLinkError | null): void {
    if (this.current !== 'ready') return
    this.detach()
    this.setState(error ? 'error' : 'closed', error)
  }

  private detach(): void {
    for (const off of this.unsubscribe.splice(0)) off()
    this.idleTimer?.cancel()
    this.idleTimer = null
    this.framer.reset()
    this.link = null
  }

  private emitFrames(events: FrameEvent[]): void {
    for (const event of events) {
      if (event.kind === 'payload') for (const l of [...this.listeners.payload]) l(event.text)
      else for (const l of [...this.listeners.refused]) l(event.reason, event.byteLength)
    }
    this.armIdleTimer()
  }

  /** Re-arms the timer that gives up a payload still missing its terminator. */
  private armIdleTimer(): void {
    this.idleTimer?.cancel()
    this.idleTimer = null
    const deadline = this.framer.deadline()
    if (deadline === null) return
    this.idleTimer = this.clock.after(deadline - this.clock.now(), () => {
      this.idleTimer = null
      this.emitFrames(this.framer.expire(this.clock.now()))
    })
  }

  private setState(state: ScannerState, error: BarcodeLinkError | null): void {
    this.current = state
    this.failure = state === 'error' ? error : null
    for (const listener of [...this.listeners.state]) listener(state, this.failure)
  }
}
