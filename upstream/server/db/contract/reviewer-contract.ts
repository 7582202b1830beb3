import { describe, expect, it } from 'vitest'
import type { AsyncRepository } from '../async-repository'
import type { ReviewerRecord, ReviewerRepository, SessionRecord } from '../reviewers'

export type Reviewers = AsyncRepository<ReviewerRepository>

export const reviewerRecord = (
  id: string,
): Omit<ReviewerRecord, 'disabled' | 'failedAttempts' | 'lockedUntil'> => ({
  reviewerId: id,
  displayName: `Người duyệt ${id}`,
  role: 'reviewer',
  passwordHash: 'scrypt$1024$8$1$salt$hash',
  createdAt: '2026-12-01T08:00:00.000Z',
  passwordAt: '2026-12-01T08:00:00.000Z',
})

const session = (token: string, reviewerId: string, at: string): SessionRecord => ({
  tokenSha256: token.repeat(64),
  reviewerId,
  createdAt: at,
  lastSeenAt: at,
  expiresAt: '2026-12-01T20:00:00.000Z',
})

const T0 = '2026-12-01T09:00:00.000Z'
const LOCKED_UNTIL = '2026-12-01T09:15:00.000Z'

/** What every backend's reviewer accounts and sessions must answer alike. */
export function reviewerContract(open: () => Promise<Reviewers>): void {
  accountContract(open)
  sessionContract(open)
}

function accountContract(open: () => Promise<Reviewers>): void {
  describe('reviewer accounts', () => {
    it('creates, lists in id order, disables and sets a password', async () => {
      const repo = await open()
      await repo.create(reviewerRecord('lan'))
      await repo.create(reviewerRecord('hoa'))
      await expect(repo.create(reviewerRecord('hoa'))).rejects.toThrow()
      expect((await repo.list()).map((r) => r.reviewerId)).toEqual(['hoa', 'lan'])
      expect(await repo.get('hoa')).toEqual({
        ...reviewerRecord('hoa'),
        disabled: false,
        failedAttempts: 0,
        lockedUntil: null,
      })
      expect(await repo.setDisabled('hoa', true)).toBe(true)
      expect((await repo.get('hoa'))?.disabled).toBe(true)
      expect(await repo.setDisabled('nobody', true)).toBe(false)
      await repo.recordFailure('lan', T0, 5, LOCKED_UNTIL)
      expect(await repo.setPassword('lan', 'scrypt$new', T0)).toBe(true)
      expect(await repo.get('lan')).toMatchObject({
        passwordHash: 'scrypt$new',
        passwordAt: T0,
        failedAttempts: 0,
      })
      expect(await repo.setPassword('nobody', 'x', T0)).toBe(false)
    })

    it('counts wrong passwords to the limit, then locks and counts no more until it ends', async () => {
      const repo = await open()
      await repo.create(reviewerRecord('hoa'))
      for (const failedAttempts of [1, 2])
        expect(await repo.recordFailure('hoa', T0, 3, LOCKED_UNTIL)).toEqual({
          failedAttempts,
          lockedUntil: null,
        })
      expect(await repo.recordFailure('hoa', T0, 3, LOCKED_UNTIL)).toEqual({
        failedAttempts: 0,
        lockedUntil: LOCKED_UNTIL,
      })
      expect(await repo.recordFailure('hoa', T0, 3, 'later')).toBeUndefined()
      expect(await repo.clearFailures('hoa', T0)).toBe(false)
      expect((await repo.get('hoa'))?.lockedUntil).toBe(LOCKED_UNTIL)
      // The lock ends at its time: the next wrong password starts a new count.
      expect(await repo.recordFailure('hoa', LOCKED_UNTIL, 3, 'later')).toEqual({
        failedAttempts: 1,
        lockedUntil: null,
      })
      expect(await repo.clearFailures('hoa', LOCKED_UNTIL)).toBe(true)
      expect(await repo.get('hoa')).toMatchObject({ failedAttempts: 0, lockedUntil: null })
      expect(await repo.recordFailure('nobody', T0, 3, LOCKED_UNTIL)).toBeUndefined()
      expect(await repo.clearFailures('nobody', T0)).toBe(false)
    })

    it('unlocks at once, whatever the time', async () => {
      const repo = await open()
      await repo.create(reviewerRecord('hoa'))
      await repo.recordFailure('hoa', T0, 1, LOCKED_UNTIL)
      expect(await repo.unlock('hoa')).toBe(true)
      expect(await repo.get('hoa')).toMatchObject({ failedAttempts: 0, lockedUntil: null })
      expect(await repo.unlock('nobody')).toBe(false)
    })
  })
}

function sessionContract(open: () => Promise<Reviewers>): void {
  describe('reviewer sessions', () => {
    it('adds, finds, touches and deletes sessions, one or all of an account', async () => {
      const repo = await open()
      await repo.create(reviewerRecord('hoa'))
      await repo.create(reviewerRecord('lan'))
      await repo.addSession(session('a', 'hoa', T0))
      await repo.addSession(session('b', 'hoa', T0))
      await repo.addSession(session('c', 'lan', T0))
      expect(await repo.getSession('a'.repeat(64))).toEqual(session('a', 'hoa', T0))
      expect(await repo.getSession('d'.repeat(64))).toBeUndefined()
      await repo.touchSession('a'.repeat(64), '2026-12-01T09:05:00.000Z')
      expect((await repo.getSession('a'.repeat(64)))?.lastSeenAt).toBe('2026-12-01T09:05:00.000Z')
      await repo.deleteSession('c'.repeat(64))
      expect(await repo.getSession('c'.repeat(64))).toBeUndefined()
      expect(await repo.deleteSessionsOf('hoa')).toBe(2)
      expect(await repo.deleteSessionsOf('hoa')).toBe(0)
    })

    it('purges sessions past their end or idle since before the cut', async () => {
      const repo = await open()
      await repo.create(reviewerRecord('hoa'))
      await repo.addSession(session('a', 'hoa', '2026-12-01T08:00:00.000Z'))
      await repo.addSession(session('b', 'hoa', '2026-12-01T09:00:00.000Z'))
      await repo.addSession({ ...session('c', 'hoa', T0), expiresAt: '2026-12-01T09:10:00.000Z' })
      expect(await repo.purgeSessions('2026-12-01T09:10:00.000Z', '2026-12-01T08:30:00.000Z')).toBe(
        2,
      )
      expect(await repo.getSession('b'.repeat(64))).toBeDefined()
    })
  })
}
