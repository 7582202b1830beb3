import type { ReviewerRecord, ReviewerRepository } from '../../db/reviewers'
import { UpstreamError } from '../../errors'
import { LOCKOUT } from './reviewer-policy'

export const wrongPassword = (params: Record<string, number> = {}) =>
  new UpstreamError('sign_in_failed', 'wrong username or password', undefined, params)

/** The lockout after LOCKOUT.maxFailures wrong passwords in a row, on the injected clock. */
export function createLockout(repo: ReviewerRepository, now: () => Date) {
  function lockedUntil(record: ReviewerRecord): string | null {
    const until = record.lockedUntil
    return until && until > now().toISOString() ? until : null
  }

  function refuse(until: string): never {
    throw new UpstreamError('reviewer_locked', `locked until ${until}`, undefined, {
      lockedUntil: until,
    })
  }

  return {
    lockedUntil,
    refuse,
    /** Counts a wrong password on the account as it is now (another attempt may have counted). */
    countFailure(reviewerId: string): never {
      const fresh = repo.get(reviewerId)
      if (!fresh) throw wrongPassword()
      const already = lockedUntil(fresh)
      if (already) refuse(already)
      const failures = fresh.failedAttempts + 1
      if (failures >= LOCKOUT.maxFailures) {
        const until = new Date(now().getTime() + LOCKOUT.durationMs).toISOString()
        repo.setFailures(reviewerId, 0, until)
        refuse(until)
      }
      repo.setFailures(reviewerId, failures, null)
      throw wrongPassword({ triesLeft: LOCKOUT.maxFailures - failures })
    },
  }
}
