import { performance } from 'node:perf_hooks'

export interface Timer {
  cancel(): void
}

/** Time as the scanner driver sees it: injected, so tests run the idle timeout on a manual clock. */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number
  after(ms: number, fn: () => void): Timer
}

export const systemClock: Clock = {
  now: () => performance.now(),
  after(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms))
    return { cancel: () => clearTimeout(handle) }
  },
}

/** A clock that moves only when told to; `advance` fires the timers that fall due, in order. */
export class ManualClock implements Clock {
  private time = 0
  private timers: { at: number; fn: () => void; cancelled: boolean }[] = []

  now(): number {
    return this.time
  }

  after(ms: number, fn: () => void): Timer {
    const timer = { at: this.time + Math.max(0, ms), fn, cancelled: false }
    this.timers.push(timer)
    return { cancel: () => (timer.cancelled = true) }
  }

  advance(ms: number): void {
    const until = this.time + ms
    for (;;) {
      const due = this.timers
        .filter((t) => !t.cancelled && t.at <= until)
        .sort((a, b) => a.at - b.at)[0]
      if (!due) break
      due.cancelled = true
      this.time = due.at
      due.fn()
    }
    this.time = until
    this.timers = this.timers.filter((t) => !t.cancelled)
  }
}
