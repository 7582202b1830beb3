import type { Clock, Timer } from '../transport/clock'

interface Segment {
  bytes: Uint8Array
  /** When its first byte starts on the wire. */
  startAt: number
  bytesPerMs: number
  delivered: number
}

export interface PacedLinkOptions {
  clock: Clock
  /** What the link carries per second (8N1 UART: baud / 10); Infinity delivers at once. */
  bytesPerSecond: number
  deliver: (chunk: Uint8Array) => void
  /** Shortest pause between two deliveries; real timers cannot wake more often than every ~1 ms. */
  tickMs?: number
}

/**
 * One direction of a wire that carries a fixed number of bytes per second. Each byte is delivered no
 * earlier than the moment its last bit would have arrived; a late timer catches up in one larger
 * chunk, as a UART's FIFO would, so the throughput stays exact whatever the timer jitter.
 */
export class PacedLink {
  private segments: Segment[] = []
  private freeAt = 0
  private timer: Timer | null = null
  private bytesPerMs: number
  private readonly tickMs: number
  private sentTotal = 0
  private deliveredTotal = 0
  private idleWaiters: { target: number; fn: () => void }[] = []
  /** Bumped by clear(), so deliveries already queued as microtasks are dropped too. */
  private generation = 0

  constructor(private readonly options: PacedLinkOptions) {
    this.bytesPerMs = options.bytesPerSecond / 1000
    this.tickMs = options.tickMs ?? 1
  }

  /** Changes the rate for bytes sent from now on (bytes already queued keep theirs). */
  setBytesPerSecond(bytesPerSecond: number): void {
    this.bytesPerMs = bytesPerSecond / 1000
  }

  get queued(): number {
    return this.segments.reduce((n, s) => n + s.bytes.length - s.delivered, 0)
  }

  send(bytes: Uint8Array): void {
    if (bytes.length === 0) return
    this.sentTotal += bytes.length
    if (!Number.isFinite(this.bytesPerMs)) {
      const copy = bytes.slice()
      const generation = this.generation
      queueMicrotask(() => {
        if (generation === this.generation) this.delivered(copy)
      })
      return
    }
    const now = this.options.clock.now()
    const startAt = Math.max(now, this.freeAt)
    this.segments.push({ bytes: bytes.slice(), startAt, bytesPerMs: this.bytesPerMs, delivered: 0 })
    this.freeAt = startAt + bytes.length / this.bytesPerMs
    this.schedule(now)
  }

  /** Calls `fn` once every byte sent so far has been delivered. */
  afterDelivered(fn: () => void): void {
    if (this.deliveredTotal >= this.sentTotal) queueMicrotask(fn)
    else this.idleWaiters.push({ target: this.sentTotal, fn })
  }

  /** Drops everything not yet delivered (a purge, an unplugged cable). */
  clear(): void {
    this.generation++
    this.deliveredTotal = this.sentTotal
    this.idleWaiters = []
    this.segments = []
    this.freeAt = 0
    this.timer?.cancel()
    this.timer = null
  }

  private schedule(now: number): void {
    if (this.timer) return
    const head = this.segments[0]
    if (!head) return
    const nextByteDone = head.startAt + (head.delivered + 1) / head.bytesPerMs
    const wait = Math.max(this.tickMs, nextByteDone - now)
    this.timer = this.options.clock.after(wait, () => {
      this.timer = null
      this.pump()
    })
  }

  private pump(): void {
    const now = this.options.clock.now()
    for (let head = this.segments[0]; head; head = this.segments[0]) {
      const due = Math.min(
        head.bytes.length,
        Math.floor((now - head.startAt) * head.bytesPerMs + 1e-9),
      )
      if (due > head.delivered) {
        const chunk = head.bytes.subarray(head.delivered, due)
        head.delivered = due
        this.delivered(chunk)
        // The receiver may have cleared the link (an unplug) while handling the chunk.
        if (this.segments[0] !== head) continue
      }
      if (head.delivered < head.bytes.length) break
      this.segments.shift()
    }
    this.schedule(now)
  }

  private delivered(chunk: Uint8Array): void {
    this.deliveredTotal += chunk.length
    this.options.deliver(chunk)
    if (!this.idleWaiters.length) return
    const ready = this.idleWaiters.filter((w) => w.target <= this.deliveredTotal)
    this.idleWaiters = this.idleWaiters.filter((w) => w.target > this.deliveredTotal)
    for (const w of ready) w.fn()
  }
}

/** Bytes per second of an 8N1 UART (start + 8 data + stop bits per byte). */
export function uartBytesPerSecond(baud: number): number {
  return baud / 10
}
