import type { SqliteDatabase } from '../../../lib/sqlite'

export type ReviewerRole = 'reviewer' | 'senior'

export interface ReviewerRecord {
  reviewerId: string
  displayName: string
  role: ReviewerRole
  /** `scrypt$N$r$p$salt$hash`; null for the training account, which signs in by the token only. */
  passwordHash: string | null
  disabled: boolean
  /** Wrong passwords in a row since the last success, unlock or lockout. */
  failedAttempts: number
  lockedUntil: string | null
  createdAt: string
  passwordAt: string | null
}

export interface SessionRecord {
  tokenSha256: string
  reviewerId: string
  createdAt: string
  lastSeenAt: string
  /** The absolute end; the idle end is `lastSeenAt` plus the idle limit. */
  expiresAt: string
}

/** An account's wrong passwords after one more was counted. */
export interface FailureCount {
  failedAttempts: number
  /** Set when this failure reached the limit and locked the account. */
  lockedUntil: string | null
}

/** Reviewer accounts and their sessions (migration 010). */
export interface ReviewerRepository {
  get(reviewerId: string): ReviewerRecord | undefined
  list(): ReviewerRecord[]
  create(record: Omit<ReviewerRecord, 'disabled' | 'failedAttempts' | 'lockedUntil'>): void
  /** A new password also ends any lockout and the count of wrong ones. */
  setPassword(reviewerId: string, passwordHash: string, at: string): boolean
  setDisabled(reviewerId: string, disabled: boolean): boolean
  /**
   * Counts one wrong password in a single statement (two processes counting at once both count):
   * at `limit` the count restarts and the account is locked until `lockUntil`. Undefined when the
   * account is unknown or locked at `now` (nothing counted then).
   */
  recordFailure(
    reviewerId: string,
    now: string,
    limit: number,
    lockUntil: string,
  ): FailureCount | undefined
  /** A right password: forgets the wrong ones, unless locked at `now` (false then, or unknown). */
  clearFailures(reviewerId: string, now: string): boolean
  /** Ends a lockout and forgets the wrong passwords counted (an administrator's unlock). */
  unlock(reviewerId: string): boolean
  addSession(session: SessionRecord): void
  getSession(tokenSha256: string): SessionRecord | undefined
  touchSession(tokenSha256: string, at: string): void
  deleteSession(tokenSha256: string): void
  deleteSessionsOf(reviewerId: string): number
  /** Removes sessions past their absolute end or idle since before `idleSince`. */
  purgeSessions(now: string, idleSince: string): number
}

/** A `reviewers` row as SQLite (0/1) or PostgreSQL (boolean) gives it. */
export interface ReviewerRow {
  reviewer_id: string
  display_name: string
  role: ReviewerRole
  password_hash: string | null
  disabled: number | boolean
  failed_attempts: number
  locked_until: string | null
  created_at: string
  password_at: string | null
}

export interface SessionRow {
  token_sha256: string
  reviewer_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
}

export const toReviewer = (row: ReviewerRow): ReviewerRecord => ({
  reviewerId: row.reviewer_id,
  displayName: row.display_name,
  role: row.role,
  passwordHash: row.password_hash,
  disabled: row.disabled === 1 || row.disabled === true,
  failedAttempts: row.failed_attempts,
  lockedUntil: row.locked_until,
  createdAt: row.created_at,
  passwordAt: row.password_at,
})

export const toSession = (row: SessionRow): SessionRecord => ({
  tokenSha256: row.token_sha256,
  reviewerId: row.reviewer_id,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  expiresAt: row.expires_at,
})

export interface FailureRow {
  failed_attempts: number
  locked_until: string | null
}

export const failureCountOf = (row: FailureRow): FailureCount => ({
  failedAttempts: row.failed_attempts,
  lockedUntil: row.locked_until,
})

export function createReviewerRepository(db: SqliteDatabase): ReviewerRepository {
  const select = db.prepare<[string], ReviewerRow>('SELECT * FROM reviewers WHERE reviewer_id = ?')
  const all = db.prepare<[], ReviewerRow>('SELECT * FROM reviewers ORDER BY reviewer_id')
  const insert = db.prepare(
    `INSERT INTO reviewers (reviewer_id, display_name, role, password_hash, created_at, password_at)
     VALUES (@reviewerId, @displayName, @role, @passwordHash, @createdAt, @passwordAt)`,
  )
  const password = db.prepare<[string, string, string]>(
    `UPDATE reviewers SET password_hash = ?, password_at = ?, failed_attempts = 0,
       locked_until = NULL WHERE reviewer_id = ?`,
  )
  const disabled = db.prepare<[number, string]>(
    'UPDATE reviewers SET disabled = ? WHERE reviewer_id = ?',
  )
  const failure = db.prepare<
    { reviewerId: string; now: string; limit: number; lockUntil: string },
    FailureRow
  >(
    // The count and the lock decided on the row as it is, in one statement.
    `UPDATE reviewers SET
       failed_attempts = CASE WHEN failed_attempts + 1 >= @limit THEN 0 ELSE failed_attempts + 1 END,
       locked_until = CASE WHEN failed_attempts + 1 >= @limit THEN @lockUntil ELSE NULL END
     WHERE reviewer_id = @reviewerId AND (locked_until IS NULL OR locked_until <= @now)
     RETURNING failed_attempts, locked_until`,
  )
  const clear = db.prepare<[string, string]>(
    `UPDATE reviewers SET failed_attempts = 0, locked_until = NULL
     WHERE reviewer_id = ? AND (locked_until IS NULL OR locked_until <= ?)`,
  )
  const unlock = db.prepare<[string]>(
    'UPDATE reviewers SET failed_attempts = 0, locked_until = NULL WHERE reviewer_id = ?',
  )
  const addSession = db.prepare(
    `INSERT INTO reviewer_sessions VALUES
       (@tokenSha256, @reviewerId, @createdAt, @lastSeenAt, @expiresAt)`,
  )
  const getSession = db.prepare<[string], SessionRow>(
    'SELECT * FROM reviewer_sessions WHERE token_sha256 = ?',
  )
  const touch = db.prepare<[string, string]>(
    'UPDATE reviewer_sessions SET last_seen_at = ? WHERE token_sha256 = ?',
  )
  const remove = db.prepare<[string]>('DELETE FROM reviewer_sessions WHERE token_sha256 = ?')
  const removeOf = db.prepare<[string]>('DELETE FROM reviewer_sessions WHERE reviewer_id = ?')
  const purge = db.prepare<[string, string]>(
    'DELETE FROM reviewer_sessions WHERE expires_at <= ? OR last_seen_at <= ?',
  )
  return {
    get(reviewerId) {
      const row = select.get(reviewerId)
      return row ? toReviewer(row) : undefined
    },
    list: () => all.all().map(toReviewer),
    create: (record) => void insert.run(record),
    setPassword: (reviewerId, hash, at) => password.run(hash, at, reviewerId).changes === 1,
    setDisabled: (reviewerId, value) => disabled.run(value ? 1 : 0, reviewerId).changes === 1,
    recordFailure(reviewerId, now, limit, lockUntil) {
      const row = failure.get({ reviewerId, now, limit, lockUntil })
      return row ? failureCountOf(row) : undefined
    },
    clearFailures: (reviewerId, now) => clear.run(reviewerId, now).changes === 1,
    unlock: (reviewerId) => unlock.run(reviewerId).changes === 1,
    addSession: (session) => void addSession.run(session),
    getSession(tokenSha256) {
      const row = getSession.get(tokenSha256)
      return row ? toSession(row) : undefined
    },
    touchSession: (tokenSha256, at) => void touch.run(at, tokenSha256),
    deleteSession: (tokenSha256) => void remove.run(tokenSha256),
    deleteSessionsOf: (reviewerId) => removeOf.run(reviewerId).changes,
    purgeSessions: (now, idleSince) => purge.run(now, idleSince).changes,
  }
}
