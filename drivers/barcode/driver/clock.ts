import type { Clock, Timer } from '../../../lib/clock'

// The shared clock of the device stacks (lib/clock.ts); the manual one below is the scanner tests'.
export { systemClock, type Clock, type Timer } from '../../../lib/clock'

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
