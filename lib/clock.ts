import { performance } from 'node:perf_hooks'

/** A pending timer; cancelling twice or after it fired does nothing. */
export interface Timer {
  cancel(): void
}

/**
 * Time as the device stacks see it. Injected everywhere (driver timeouts, link pacing, polling)
 * so tests can run a 7-second 57600-baud upload in a few milliseconds on a virtual clock.
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (not wall time). */
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

/** Resolves after `ms` on `clock`; rejects with the signal's reason when aborted first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal))
      return
    }
    const onAbort = () => {
      timer.cancel()
      reject(abortReason(signal))
    }
    const timer = clock.after(ms, () => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    })
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('aborted')
}

interface PendingTimer {
  at: number
  seq: number
  fn: () => void
  cancelled: boolean
}

/**
 * A clock that only moves when told to. `run(promise)` advances it from timer to timer while the
 * promise is pending, after letting every pending promise callback settle, so code under test sees
 * the same ordering as in real time. A promise that can never settle is reported, not awaited:
 * that is how tests prove "never a hang".
 */
export class VirtualClock implements Clock {
  private time = 0
  private seq = 0
  private timers: PendingTimer[] = []

  now(): number {
    return this.time
  }

  after(ms: number, fn: () => void): Timer {
    const timer: PendingTimer = {
      at: this.time + Math.max(0, ms),
      seq: this.seq++,
      fn,
      cancelled: false,
    }
    this.timers.push(timer)
    return {
      cancel: () => {
        timer.cancelled = true
      },
    }
  }

  /** Number of timers still waiting. */
  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length
  }

  /** Fires every timer due within the next `ms` milliseconds, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms
    for (;;) {
      await settle()
      const next = this.nextTimer()
      if (!next || next.at > until) break
      this.fire(next)
    }
    this.time = Math.max(this.time, until)
  }

  /**
   * Runs the clock until `promise` settles and returns its outcome. Throws when nothing is left to
   * fire but the promise is still pending (a hang), or when `limitMs` of virtual time pass.
   */
  async run<T>(promise: Promise<T>, limitMs = 3_600_000): Promise<T> {
    let done = false
    const watched = promise.finally(() => {
      done = true
    })
    watched.catch(() => undefined)
    const start = this.time
    for (;;) {
      await settle()
      if (done) return watched
      const next = this.nextTimer()
      if (!next) throw new Error(`VirtualClock: promise still pending with no timer left (a hang)`)
      if (next.at - start > limitMs) {
        throw new Error(`VirtualClock: promise still pending after ${limitMs} ms`)
      }
      this.fire(next)
    }
  }

  private nextTimer(): PendingTimer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled)
    let best: PendingTimer | undefined
    for (const t of this.timers) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t
    }
    return best
  }

  private fire(timer: PendingTimer): void {
    timer.cancelled = true
    this.time = Math.max(this.time, timer.at)
    timer.fn()
  }
}

/** Lets every queued promise callback run (they all run before the next macrotask). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
