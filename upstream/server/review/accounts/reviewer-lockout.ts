import type { AsyncRepository } from '../../db/async-repository'
import type { ReviewerRecord, ReviewerRepository } from '../../db/reviewers'
import { UpstreamError } from '../../errors'
import { LOCKOUT } from './reviewer-policy'

export const wrongPassword = (params: Record<string, number> = {}) =>
  new UpstreamError('sign_in_failed', 'wrong username or password', undefined, params)

/** The lockout after LOCKOUT.maxFailures wrong passwords in a row, on the injected clock. */
export function createLockout(repo: AsyncRepository<ReviewerRepository>, now: () => Date) {
  function lockedUntil(record: ReviewerRecord): string | null {
    const until = record.lockedUntil
    return until && until > now().toISOString() ? until : null
  }

  function refuse(until: string): never {
    throw new UpstreamError('reviewer_locked', `locked until ${until}`, undefined, {
      lockedUntil: until,
    })
  }

  /** Refuses with the account's lockout (another process set it), else as a wrong password. */
  async function refuseAsNow(reviewerId: string): Promise<never> {
    const fresh = await repo.get(reviewerId)
    const until = fresh ? lockedUntil(fresh) : null
    if (until) refuse(until)
    throw wrongPassword()
  }

  return {
    lockedUntil,
    refuse,
    refuseAsNow,
    /** Counts a wrong password in one statement, so attempts counted at once all count. */
    async countFailure(reviewerId: string): Promise<never> {
      const at = now()
      const until = new Date(at.getTime() + LOCKOUT.durationMs).toISOString()
      const counted = await repo.recordFailure(
        reviewerId,
        at.toISOString(),
        LOCKOUT.maxFailures,
        until,
      )
      if (!counted) return refuseAsNow(reviewerId)
      if (counted.lockedUntil) refuse(counted.lockedUntil)
      throw wrongPassword({ triesLeft: LOCKOUT.maxFailures - counted.failedAttempts })
    },
  }
}
