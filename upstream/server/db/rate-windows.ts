/** A key's count in its current fixed window, and the milliseconds left of that window. */
export interface RateCount {
  current: number
  ttl: number
}

/** Fixed-window request counts by key (the per-terminal rate limit, http/rate-limit.ts). */
export interface RateWindows {
  /** Counts one request of `key` at `nowMs`; a window older than `windowMs` starts again at 1. */
  incr(key: string, nowMs: number, windowMs: number): RateCount
}

/** Keys kept before expired windows are swept (a national upstream has ~11 000 stations). */
const SWEEP_AT = 50_000

/**
 * The counts in this process's memory: right for one process (SQLite). A restart forgets them,
 * which at worst grants one more window.
 */
export function memoryRateWindows(): RateWindows {
  const windows = new Map<string, { count: number; startMs: number }>()
  const sweep = (now: number, windowMs: number) => {
    for (const [key, window] of windows) if (window.startMs + windowMs <= now) windows.delete(key)
  }
  return {
    incr(key, nowMs, windowMs) {
      if (windows.size >= SWEEP_AT) sweep(nowMs, windowMs)
      let window = windows.get(key)
      if (!window || window.startMs + windowMs <= nowMs) {
        window = { count: 0, startMs: nowMs }
        windows.set(key, window)
      }
      window.count++
      return { current: window.count, ttl: window.startMs + windowMs - nowMs }
    },
  }
}
