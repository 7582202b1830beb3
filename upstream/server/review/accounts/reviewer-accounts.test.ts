import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { asyncRepository } from '../../db/async-repository'
import { createReviewerRepository } from '../../db/reviewers'
import { upstreamDatabaseAtVersion } from '../../db/test-helpers'
import { UpstreamError } from '../../errors'
import { manualClock, TEST_REVIEWER_COST } from '../../test-support'
import { createReviewerAccounts } from './reviewer-accounts'
import { ReviewerAdminError } from './reviewer-admin'
import { REVIEWER_SCRYPT_COST } from './reviewer-policy'

const MINUTE = 60_000
const PASSWORD = 'Đèn đỏ dừng lại 2026'

function accountsOnVirtualClock() {
  const db = upstreamDatabaseAtVersion()
  const clock = manualClock()
  const accounts = createReviewerAccounts({
    repo: asyncRepository(createReviewerRepository(db)),
    now: clock.now,
    randomBytes,
    cost: TEST_REVIEWER_COST,
  })
  return { db, clock, accounts }
}

/** The refusal `attempt` ends with: its code and the params the page words it with. */
async function refusalOf(attempt: () => unknown): Promise<{ code: string; params: object }> {
  try {
    await attempt()
  } catch (error) {
    if (error instanceof UpstreamError) return { code: error.code, params: error.params }
    throw error
  }
  throw new Error('expected a refusal')
}

async function withReviewer(role: 'reviewer' | 'senior' = 'reviewer') {
  const env = accountsOnVirtualClock()
  await env.accounts.add({ id: 'Hoa.Le', name: 'Lê Thị Hoa', role, password: PASSWORD })
  return env
}

describe('reviewer accounts', () => {
  it('adds accounts with a salted scrypt hash, lists them without it, refuses bad fields', async () => {
    const { db, accounts } = await withReviewer()
    await accounts.add({ id: 'lan', name: 'Phạm Lan', role: 'senior', password: PASSWORD })
    expect(await accounts.list()).toEqual([
      expect.objectContaining({
        id: 'hoa.le',
        name: 'Lê Thị Hoa',
        role: 'reviewer',
        disabled: false,
      }),
      expect.objectContaining({ id: 'lan', role: 'senior', failedAttempts: 0, lockedUntil: null }),
    ])
    expect(JSON.stringify(await accounts.list())).not.toContain('scrypt')
    const hashes = db.prepare('SELECT password_hash FROM reviewers').pluck().all() as string[]
    expect(hashes.every((h) => h.startsWith('scrypt$1024$8$1$'))).toBe(true)
    // Same password, different salt: different hashes.
    expect(new Set(hashes).size).toBe(2)
    const refused = (fields: Partial<Parameters<typeof accounts.add>[0]>) =>
      accounts.add({ id: 'x1', name: 'X', role: 'reviewer', password: PASSWORD, ...fields })
    await expect(refused({ id: 'hoa.le' })).rejects.toThrow(ReviewerAdminError)
    await expect(refused({ id: 'trainer' })).rejects.toThrow(/reserved/)
    await expect(refused({ id: 'có dấu' })).rejects.toThrow(/Invalid username/)
    await expect(refused({ password: 'short' })).rejects.toThrow(/at least 10/)
    await expect(refused({ name: '  ' })).rejects.toThrow(/display name/)
  })

  it('uses the stated cost by default: N = 2^15, r = 8, p = 1', async () => {
    expect(REVIEWER_SCRYPT_COST).toEqual({ N: 32768, r: 8, p: 1 })
    const db = upstreamDatabaseAtVersion()
    const accounts = createReviewerAccounts({
      repo: asyncRepository(createReviewerRepository(db)),
      now: () => new Date(),
      randomBytes,
    })
    await accounts.add({ id: 'hoa', name: 'Hoa', role: 'reviewer', password: PASSWORD })
    expect(db.prepare('SELECT password_hash FROM reviewers').pluck().get()).toMatch(
      /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/,
    )
    expect((await accounts.signIn('hoa', PASSWORD)).reviewer.id).toBe('hoa')
  })

  it('signs in, keeps only the SHA-256 of the session token, and signs out', async () => {
    const { db, clock, accounts } = await withReviewer()
    const session = await accounts.signIn('HOA.LE', PASSWORD)
    expect(session.reviewer).toEqual({ id: 'hoa.le', name: 'Lê Thị Hoa', role: 'reviewer' })
    expect(session.token).toMatch(/^[\w-]{43}$/)
    expect(session.expiresAt).toBe(new Date(clock.now().getTime() + 12 * 60 * MINUTE).toISOString())
    const stored = db.prepare('SELECT token_sha256 FROM reviewer_sessions').pluck().all()
    expect(stored).toEqual([createHash('sha256').update(session.token).digest('hex')])
    expect(JSON.stringify(db.prepare('SELECT * FROM reviewer_sessions').all())).not.toContain(
      session.token,
    )
    expect(await accounts.authenticate(session.token)).toEqual(session.reviewer)
    await accounts.signOut(session.token)
    expect((await refusalOf(() => accounts.authenticate(session.token))).code).toBe('unauthorized')
    expect((await refusalOf(() => accounts.authenticate('guess'))).code).toBe('unauthorized')
  })

  it('counts wrong passwords down, locks for 15 minutes after the fifth, then lets in', async () => {
    const { clock, accounts } = await withReviewer()
    for (const triesLeft of [4, 3, 2, 1])
      expect(await refusalOf(() => accounts.signIn('hoa.le', 'wrong password'))).toEqual({
        code: 'sign_in_failed',
        params: { triesLeft },
      })
    const lockedUntil = new Date(clock.now().getTime() + 15 * MINUTE).toISOString()
    const locked = { code: 'reviewer_locked', params: { lockedUntil } }
    expect(await refusalOf(() => accounts.signIn('hoa.le', 'wrong password'))).toEqual(locked)
    // Locked: even the right password is not checked.
    expect(await refusalOf(() => accounts.signIn('hoa.le', PASSWORD))).toEqual(locked)
    clock.advance(15 * MINUTE - 1)
    expect(await refusalOf(() => accounts.signIn('hoa.le', PASSWORD))).toEqual(locked)
    clock.advance(1)
    expect((await accounts.signIn('hoa.le', PASSWORD)).reviewer.id).toBe('hoa.le')
    // A success starts the count again.
    expect(await refusalOf(() => accounts.signIn('hoa.le', 'wrong'))).toMatchObject({
      params: { triesLeft: 4 },
    })
    await accounts.signIn('hoa.le', PASSWORD)
    expect(await refusalOf(() => accounts.signIn('hoa.le', 'wrong'))).toMatchObject({
      params: { triesLeft: 4 },
    })
  })

  it('lets an unlock end a lockout at once', async () => {
    const { accounts } = await withReviewer()
    for (let i = 0; i < 5; i++) await refusalOf(() => accounts.signIn('hoa.le', 'wrong'))
    expect((await accounts.list())[0]?.lockedUntil).not.toBeNull()
    await accounts.unlock('hoa.le')
    expect((await accounts.list())[0]).toMatchObject({ lockedUntil: null, failedAttempts: 0 })
    expect((await accounts.signIn('hoa.le', PASSWORD)).reviewer.id).toBe('hoa.le')
  })

  it('answers an unknown username like a wrong password, without tries left', async () => {
    const { accounts } = await withReviewer()
    expect(await refusalOf(() => accounts.signIn('nobody', PASSWORD))).toEqual({
      code: 'sign_in_failed',
      params: {},
    })
    // The trainer has no password: it signs in by the training token only.
    await accounts.ensureTrainer()
    expect((await refusalOf(() => accounts.signIn('trainer', ''))).code).toBe('sign_in_failed')
  })

  it('refuses a disabled account, and disabling ends its sessions', async () => {
    const { accounts } = await withReviewer()
    const session = await accounts.signIn('hoa.le', PASSWORD)
    await accounts.disable('hoa.le')
    expect((await refusalOf(() => accounts.authenticate(session.token))).code).toBe('unauthorized')
    expect((await refusalOf(() => accounts.signIn('hoa.le', PASSWORD))).code).toBe(
      'reviewer_disabled',
    )
    // Only the right password learns that it is disabled.
    expect((await refusalOf(() => accounts.signIn('hoa.le', 'wrong'))).code).toBe('sign_in_failed')
    await accounts.enable('hoa.le')
    expect((await accounts.signIn('hoa.le', PASSWORD)).reviewer.id).toBe('hoa.le')
  })

  it('ends a session after 30 idle minutes, and 12 hours after sign-in in any case', async () => {
    const { clock, accounts } = await withReviewer()
    const idle = await accounts.signIn('hoa.le', PASSWORD)
    clock.advance(29 * MINUTE)
    expect((await accounts.authenticate(idle.token)).id).toBe('hoa.le')
    clock.advance(29 * MINUTE)
    expect((await accounts.authenticate(idle.token)).id).toBe('hoa.le')
    clock.advance(30 * MINUTE)
    expect((await refusalOf(() => accounts.authenticate(idle.token))).code).toBe('session_expired')
    // Gone once expired: asking again is an unknown session.
    expect((await refusalOf(() => accounts.authenticate(idle.token))).code).toBe('unauthorized')

    const busy = await accounts.signIn('hoa.le', PASSWORD)
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      clock.advance(20 * MINUTE)
      expect((await accounts.authenticate(busy.token)).id).toBe('hoa.le')
    }
    clock.advance(20 * MINUTE)
    expect((await refusalOf(() => accounts.authenticate(busy.token))).code).toBe('session_expired')
  })

  it('sets a new password: the old one stops working and open sessions end', async () => {
    const { accounts } = await withReviewer()
    const session = await accounts.signIn('hoa.le', PASSWORD)
    await accounts.setPassword('hoa.le', 'một mật khẩu mới hơn')
    expect((await refusalOf(() => accounts.authenticate(session.token))).code).toBe('unauthorized')
    expect((await refusalOf(() => accounts.signIn('hoa.le', PASSWORD))).code).toBe('sign_in_failed')
    expect((await accounts.signIn('hoa.le', 'một mật khẩu mới hơn')).reviewer.id).toBe('hoa.le')
    await expect(accounts.setPassword('nobody', 'một mật khẩu mới hơn')).rejects.toThrow(
      /No reviewer nobody/,
    )
  })

  it('limits failed sign-ins per address: 20 per 15 minutes', async () => {
    const { clock, accounts } = accountsOnVirtualClock()
    const limiter = accounts.signInLimiter
    for (let i = 0; i < 19; i++) limiter.fail('192.0.2.7')
    limiter.check('192.0.2.7')
    limiter.fail('192.0.2.7')
    clock.advance(5 * MINUTE)
    expect(await refusalOf(() => limiter.check('192.0.2.7'))).toEqual({
      code: 'too_many_sign_ins',
      params: { retryAfterSeconds: 600 },
    })
    // Another address is not held back; the window ends on time.
    limiter.check('192.0.2.8')
    clock.advance(10 * MINUTE)
    limiter.check('192.0.2.7')
  })
})
