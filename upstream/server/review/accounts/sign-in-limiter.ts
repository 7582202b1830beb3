import { UpstreamError } from '../../errors'

export interface SignInLimiter {
  /** Counts an attempt from `address`; refuses it past the limit of the current window. */
  take(address: string): void
}

/**
 * Sign-in attempts per client address in fixed windows, kept in memory (a restart forgets them;
 * the per-account lockout is the durable limit). Checked before any password is hashed, so a
 * flood from one address costs no scrypt time. Windows that ended are dropped as they are met,
 * and the map is cleared outright past `maxAddresses`, so it cannot grow without bound.
 */
export function createSignInLimiter(options: {
  attempts: number
  windowMs: number
  now(): Date
  maxAddresses?: number
}): SignInLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  const maxAddresses = options.maxAddresses ?? 10_000
  return {
    take(address) {
      const now = options.now().getTime()
      let window = windows.get(address)
      if (!window || now - window.start >= options.windowMs) {
        if (windows.size >= maxAddresses) windows.clear()
        window = { start: now, count: 0 }
        windows.set(address, window)
      }
      window.count += 1
      if (window.count > options.attempts) {
        const retryAfterSeconds = Math.ceil((window.start + options.windowMs - now) / 1000)
        throw new UpstreamError('too_many_sign_ins', address, undefined, { retryAfterSeconds })
      }
    },
  }
}
