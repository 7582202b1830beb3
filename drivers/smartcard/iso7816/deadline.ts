import { TimeoutError } from './errors'

/** Schedules `fire` after `ms`; returns a function that cancels it. Injected so tests own time. */
export type ScheduleTimeout = (ms: number, fire: () => void) => () => void

export const realTimeout: ScheduleTimeout = (ms, fire) => {
  const handle = setTimeout(fire, ms)
  return () => clearTimeout(handle)
}

/** Injected waiting (link pacing, slow-card faults); tests pass one that only records. */
export type Sleep = (ms: number) => Promise<void>

export const realSleep: Sleep = (ms) =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Settles with `work`, or rejects with a TimeoutError after `ms`. `onTimeout` runs first, so the
 * caller can mark its link unusable: the late answer, if any, is dropped. `what` names the wait.
 */
export function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  schedule: ScheduleTimeout,
  onTimeout?: () => void,
  what?: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false
    const cancel = schedule(ms, () => {
      if (settled) return
      settled = true
      onTimeout?.()
      reject(new TimeoutError(ms, what ? `${what}: nothing after ${ms} ms` : undefined))
    })
    work.then(
      (value) => {
        if (settled) return
        settled = true
        cancel()
        resolve(value)
      },
      (error: unknown) => {
        if (settled) return
        settled = true
        cancel()
        reject(error)
      },
    )
  })
}
