import type { ScryptCost } from '../../../../lib/password-hash'

/**
 * scrypt for reviewer passwords: N = 2^15, r = 8, p = 1 (RFC 7914 §2; the cost OWASP's password
 * storage guidance lists for scrypt). Each hash takes 32 MiB and, on this two-core machine, half
 * the station's 230 ms (330 ms measured under a load average of 10), off the event loop (node's
 * thread pool): a reviewer waits once per sign-in, an attacker with the database per guess. The station uses 2^16 (one officer at a time);
 * an upstream serves many reviewers, so half the memory keeps a burst of sign-ins (the thread
 * pool runs four) within 128 MiB. The cost is stored with each hash, so it can be raised later.
 */
export const REVIEWER_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 }

/** Five wrong passwords in a row lock the account for 15 minutes (a senior may unlock it). */
export const LOCKOUT = { maxFailures: 5, durationMs: 15 * 60_000 } as const

/**
 * A session ends after 30 minutes without a call or 12 hours after sign-in (a working day),
 * whichever comes first; sign-out ends it at once.
 */
export const SESSION_LIMITS = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 } as const

/** Failed sign-ins per client address per window; past them no password is checked. */
export const SIGN_IN_RATE = { attempts: 20, windowMs: 15 * 60_000 } as const

/** The account the training upstream's shared token signs in as (no password: token only). */
export const TRAINER_ID = 'trainer'

export const MIN_PASSWORD_LENGTH = 10
