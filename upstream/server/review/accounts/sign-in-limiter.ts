import { UpstreamError } from '../../errors'

export interface SignInLimiter {
  /** Refuses a sign-in from `address` once it failed the limit's number of times this window. */
  check(address: string): void
  /** Counts a failed sign-in (wrong password, locked account, wrong training token). */
  fail(address: string): void
}

/**
 * Failed sign-ins per client address in fixed windows, kept in memory (a restart forgets them;
 * the per-account lockout is the durable limit). Only failures count, so an office whose
 * reviewers share one address all sign in each morning; past the limit an attempt is refused
 * before any password is hashed, so a flood costs no scrypt time. The map is cleared outright
 * past `maxAddresses`, so it cannot grow without bound.
 */
export function createSignInLimiter(options: {
  attempts: number
  windowMs: number
  now(): Date
  maxAddresses?: number
}): SignInLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  const maxAddresses = options.maxAddresses ?? 10_000
  const current = (address: string, now: number) => {
    const window = windows.get(address)
    return window && now - window.start < options.windowMs ? window : undefined
  }
  return {
    check(address) {
      const now = options.now().getTime()
      const window = current(address, now)
      if (!window || window.count < options.attempts) return
      const retryAfterSeconds = Math.ceil((window.start + options.windowMs - now) / 1000)
      throw new UpstreamError('too_many_sign_ins', address, undefined, { retryAfterSeconds })
    },
    fail(address) {
      const now = options.now().getTime()
      const window = current(address, now)
      if (window) window.count += 1
      else {
        if (windows.size >= maxAddresses) windows.clear()
        windows.set(address, { start: now, count: 1 })
      }
    },
  }
}
