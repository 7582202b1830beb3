import { makeDecoyHash, verifyPassword, type ScryptCost } from '../../../../lib/password-hash'
import { safeParse } from '../../../../lib/schema'
import type { AsyncRepository } from '../../db/async-repository'
import type { ReviewerRecord, ReviewerRepository } from '../../db/reviewers'
import { UpstreamError } from '../../errors'
import { ReviewerIdSchema, type Reviewer, type ReviewSession } from './reviewer'
import { createLockout, wrongPassword } from './reviewer-lockout'
import { SESSION_LIMITS } from './reviewer-policy'
import { newSessionToken, sessionTokenDigest } from './session-token'

export interface ReviewerSessions {
  /** Checks the password (unless the account is locked) and opens a session. */
  signIn(username: string, password: string): Promise<ReviewSession>
  /** Opens a session for an account without its password (the training token's trainer). */
  openSession(reviewerId: string): Promise<ReviewSession>
  /** The reviewer a bearer token is for; refuses an unknown, expired or disabled one. */
  authenticate(token: string): Promise<Reviewer>
  signOut(token: string): Promise<void>
}

export interface ReviewerSessionDeps {
  repo: AsyncRepository<ReviewerRepository>
  now(): Date
  randomBytes(size: number): Buffer
  cost: ScryptCost
}

/** A session's last call is written at most once a minute, so a page's images cost no writes. */
const TOUCH_EVERY_MS = 60_000

const reviewerOf = (r: ReviewerRecord): Reviewer => ({
  id: r.reviewerId,
  name: r.displayName,
  role: r.role,
})

export function createReviewerSessions(deps: ReviewerSessionDeps): ReviewerSessions {
  const { repo } = deps
  const lockout = createLockout(repo, deps.now)
  // Checked for an unknown username, so it costs what a wrong password costs.
  let decoy: Promise<string> | undefined
  const decoyHash = () => (decoy ??= makeDecoyHash(deps.randomBytes, deps.cost))

  async function openSession(reviewerId: string): Promise<ReviewSession> {
    const record = await repo.get(reviewerId)
    if (!record) throw wrongPassword()
    const now = deps.now()
    const at = now.toISOString()
    await repo.purgeSessions(at, new Date(now.getTime() - SESSION_LIMITS.idleMs).toISOString())
    const token = newSessionToken(deps.randomBytes)
    const expiresAt = new Date(now.getTime() + SESSION_LIMITS.absoluteMs).toISOString()
    await repo.addSession({
      tokenSha256: sessionTokenDigest(token),
      reviewerId,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
    })
    return {
      token,
      reviewer: reviewerOf(record),
      expiresAt,
      idleMinutes: SESSION_LIMITS.idleMs / 60_000,
    }
  }

  return {
    async signIn(username, password) {
      const id = safeParse(ReviewerIdSchema, username)
      const record = id.success ? await repo.get(id.data) : undefined
      if (!record?.passwordHash) {
        await verifyPassword(password, await decoyHash())
        throw wrongPassword()
      }
      const locked = lockout.lockedUntil(record)
      if (locked) lockout.refuse(locked)
      if (!(await verifyPassword(password, record.passwordHash)))
        await lockout.countFailure(record.reviewerId)
      // Said only to whoever knows the password, so a guesser learns nothing from it.
      if (record.disabled) throw new UpstreamError('reviewer_disabled', record.reviewerId)
      // Locked meanwhile by wrong passwords counted elsewhere: the lockout stands.
      if (!(await repo.clearFailures(record.reviewerId, deps.now().toISOString())))
        await lockout.refuseAsNow(record.reviewerId)
      return openSession(record.reviewerId)
    },

    openSession,

    async authenticate(token) {
      const digest = sessionTokenDigest(token)
      const session = await repo.getSession(digest)
      if (!session) throw new UpstreamError('unauthorized', 'unknown session')
      const now = deps.now()
      const idleEnd = new Date(new Date(session.lastSeenAt).getTime() + SESSION_LIMITS.idleMs)
      if (session.expiresAt <= now.toISOString() || idleEnd <= now) {
        await repo.deleteSession(digest)
        throw new UpstreamError('session_expired', 'sign in again')
      }
      const account = await repo.get(session.reviewerId)
      if (!account || account.disabled) {
        await repo.deleteSessionsOf(session.reviewerId)
        throw new UpstreamError('reviewer_disabled', session.reviewerId)
      }
      if (now.getTime() - new Date(session.lastSeenAt).getTime() >= TOUCH_EVERY_MS)
        await repo.touchSession(digest, now.toISOString())
      return reviewerOf(account)
    },

    async signOut(token) {
      await repo.deleteSession(sessionTokenDigest(token))
    },
  }
}
