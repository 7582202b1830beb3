import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { UpstreamError } from '../../errors'
import { createReviewerAccounts } from '../../review/accounts/reviewer-accounts'
import { LOCKOUT } from '../../review/accounts/reviewer-policy'
import { manualClock, TEST_REVIEWER_COST } from '../../test-support'
import { reviewerContract } from '../contract/reviewer-contract'
import { upstreamPgMigrations } from './migrations'
import { openPostgres } from './pg-database'
import { createPgReviewerRepository } from './pg-reviewers'
import { poolScope } from './pg-scope'

const databases = usePostgresDatabases()

describe('reviewers on PostgreSQL', () => {
  reviewerContract(async () =>
    createPgReviewerRepository(poolScope(await databases.open(upstreamPgMigrations))),
  )
})

const PASSWORD = 'Đèn đỏ dừng lại 2026'

describe('two upstream processes signing in one account', () => {
  it('lock it exactly at the limit when wrong passwords arrive at both at once', async () => {
    const db = await databases.open(upstreamPgMigrations)
    const other = openPostgres(db.url, { max: 4 })
    const clock = manualClock()
    const [one, two] = [db, other].map((pool) =>
      createReviewerAccounts({
        repo: createPgReviewerRepository(poolScope(pool)),
        now: clock.now,
        randomBytes,
        cost: TEST_REVIEWER_COST,
      }),
    )
    if (!one || !two) throw new Error('two processes expected')
    try {
      await one.add({ id: 'hoa', name: 'Lê Thị Hoa', role: 'reviewer', password: PASSWORD })
      const attempts = Array.from({ length: 2 * LOCKOUT.maxFailures }, (_, i) =>
        (i % 2 ? one : two).signIn('hoa', 'wrong password').then(
          () => 'signed in',
          (error: unknown) => (error instanceof UpstreamError ? error : String(error)),
        ),
      )
      const refusals = await Promise.all(attempts)
      const triesLeft = refusals.flatMap((r) =>
        r instanceof UpstreamError && r.code === 'sign_in_failed' ? [r.params.triesLeft] : [],
      )
      expect(triesLeft.sort()).toEqual([1, 2, 3, 4])
      const locked = refusals.filter(
        (r) => r instanceof UpstreamError && r.code === 'reviewer_locked',
      )
      // The one that reached the limit and every one after it.
      expect(locked).toHaveLength(attempts.length - (LOCKOUT.maxFailures - 1))
      const [account] = await two.list()
      expect(account).toMatchObject({ failedAttempts: 0 })
      expect(account?.lockedUntil).toBe(
        new Date(clock.now().getTime() + LOCKOUT.durationMs).toISOString(),
      )
    } finally {
      await other.close()
    }
  })
})
