import type { AsyncRepository } from '../async-repository'
import {
  failureCountOf,
  toReviewer,
  toSession,
  type FailureRow,
  type ReviewerRepository,
  type ReviewerRow,
  type SessionRow,
} from '../reviewers'
import type { PgScope } from './pg-scope'

type Changed = (sql: string, params: unknown[]) => Promise<number | null>

type SessionMethods = Pick<
  AsyncRepository<ReviewerRepository>,
  | 'addSession'
  | 'getSession'
  | 'touchSession'
  | 'deleteSession'
  | 'deleteSessionsOf'
  | 'purgeSessions'
>

function sessionsOn(db: PgScope, changed: Changed): SessionMethods {
  return {
    async addSession(s) {
      await db.query('INSERT INTO reviewer_sessions VALUES ($1, $2, $3, $4, $5)', [
        s.tokenSha256,
        s.reviewerId,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
      ])
    },
    async getSession(tokenSha256) {
      const { rows } = await db.query<SessionRow>(
        'SELECT * FROM reviewer_sessions WHERE token_sha256 = $1',
        [tokenSha256],
      )
      return rows[0] ? toSession(rows[0]) : undefined
    },
    async touchSession(tokenSha256, at) {
      await changed('UPDATE reviewer_sessions SET last_seen_at = $1 WHERE token_sha256 = $2', [
        at,
        tokenSha256,
      ])
    },
    async deleteSession(tokenSha256) {
      await changed('DELETE FROM reviewer_sessions WHERE token_sha256 = $1', [tokenSha256])
    },
    async deleteSessionsOf(reviewerId) {
      return (
        (await changed('DELETE FROM reviewer_sessions WHERE reviewer_id = $1', [reviewerId])) ?? 0
      )
    },
    async purgeSessions(now, idleSince) {
      const sql = 'DELETE FROM reviewer_sessions WHERE expires_at <= $1 OR last_seen_at <= $2'
      return (await changed(sql, [now, idleSince])) ?? 0
    },
  }
}

/**
 * Reviewer accounts and their sessions on PostgreSQL: the same answers as
 * `createReviewerRepository`. Counting a wrong password is one UPDATE deciding on the row as it
 * is, so processes counting at once lock the account exactly at the limit.
 */
export function createPgReviewerRepository(db: PgScope): AsyncRepository<ReviewerRepository> {
  const changed = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rowCount
  return {
    async get(reviewerId) {
      const { rows } = await db.query<ReviewerRow>(
        'SELECT * FROM reviewers WHERE reviewer_id = $1',
        [reviewerId],
      )
      return rows[0] ? toReviewer(rows[0]) : undefined
    },
    async list() {
      const { rows } = await db.query<ReviewerRow>('SELECT * FROM reviewers ORDER BY reviewer_id')
      return rows.map(toReviewer)
    },
    async create(r) {
      await db.query(
        `INSERT INTO reviewers (reviewer_id, display_name, role, password_hash, created_at,
           password_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [r.reviewerId, r.displayName, r.role, r.passwordHash, r.createdAt, r.passwordAt],
      )
    },
    async setPassword(reviewerId, hash, at) {
      const sql = `UPDATE reviewers SET password_hash = $1, password_at = $2, failed_attempts = 0,
        locked_until = NULL WHERE reviewer_id = $3`
      return (await changed(sql, [hash, at, reviewerId])) === 1
    },
    async setDisabled(reviewerId, value) {
      const sql = 'UPDATE reviewers SET disabled = $1 WHERE reviewer_id = $2'
      return (await changed(sql, [value, reviewerId])) === 1
    },
    async recordFailure(reviewerId, now, limit, lockUntil) {
      const { rows } = await db.query<FailureRow>(
        `UPDATE reviewers SET
           failed_attempts = CASE WHEN failed_attempts + 1 >= $3 THEN 0 ELSE failed_attempts + 1 END,
           locked_until = CASE WHEN failed_attempts + 1 >= $3 THEN $4::text ELSE NULL END
         WHERE reviewer_id = $1 AND (locked_until IS NULL OR locked_until <= $2)
         RETURNING failed_attempts, locked_until`,
        [reviewerId, now, limit, lockUntil],
      )
      return rows[0] ? failureCountOf(rows[0]) : undefined
    },
    async clearFailures(reviewerId, now) {
      const sql = `UPDATE reviewers SET failed_attempts = 0, locked_until = NULL
        WHERE reviewer_id = $1 AND (locked_until IS NULL OR locked_until <= $2)`
      return (await changed(sql, [reviewerId, now])) === 1
    },
    async unlock(reviewerId) {
      const sql =
        'UPDATE reviewers SET failed_attempts = 0, locked_until = NULL WHERE reviewer_id = $1'
      return (await changed(sql, [reviewerId])) === 1
    },
    ...sessionsOn(db, changed),
  }
}
