import type { SqliteDatabase } from '../../../lib/sqlite/database'
import type { OfficerRole } from '../../contract'

/** Seals and opens an officer's profile (local key, bound to the officer id), keys usernames. */
export interface OfficerSealer {
  seal(plain: Buffer, officerId: string): Buffer
  open(sealed: Buffer, officerId: string): Buffer
  /** Keyed hash of a (lower-case) username: what the unique index holds. */
  usernameKey(username: string): string
}

export interface OfficerProfile {
  username: string
  displayName: string
  policeId: string
}

export interface OfficerRecord extends OfficerProfile {
  officerId: string
  role: OfficerRole
  /** `locked` is not stored: it is `lockedUntil` in the future. */
  disabled: boolean
  passwordHash: string
  mustChangePassword: boolean
  failedAttempts: number
  lockedUntil: string | null
  createdAt: string
  updatedAt: string
}

export interface NewOfficerRecord extends OfficerProfile {
  officerId: string
  role: OfficerRole
  passwordHash: string
  mustChangePassword: boolean
  createdBy: string
  at: string
}

export interface OfficerRepository {
  count(): number
  countActiveSupervisors(): number
  insert(officer: NewOfficerRecord): void
  byUsername(username: string): OfficerRecord | undefined
  byId(officerId: string): OfficerRecord | undefined
  list(): OfficerRecord[]
  /** A failed sign-in: the new count, and the lock end when this failure locks the account. */
  recordFailure(
    officerId: string,
    failedAttempts: number,
    lockedUntil: string | null,
    at: string,
  ): void
  /** A good sign-in or a supervisor's unlock: the count and the lock are cleared. */
  clearFailures(officerId: string, at: string): void
  setPassword(officerId: string, passwordHash: string, mustChange: boolean, at: string): void
  setDisabled(officerId: string, disabled: boolean, at: string): void
  setRole(officerId: string, role: OfficerRole, at: string): void
}

interface Row {
  officer_id: string
  profile: Buffer
  role: OfficerRole
  state: 'active' | 'disabled'
  password_hash: string
  must_change_password: number
  failed_attempts: number
  locked_until: string | null
  created_at: string
  updated_at: string
}

export function createOfficerRepository(
  db: SqliteDatabase,
  sealer: OfficerSealer,
): OfficerRepository {
  const fromRow = (r: Row): OfficerRecord => ({
    officerId: r.officer_id,
    ...(JSON.parse(sealer.open(r.profile, r.officer_id).toString('utf8')) as OfficerProfile),
    role: r.role,
    disabled: r.state === 'disabled',
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password === 1,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  })
  const statements = prepareStatements(db)
  return {
    count: () => statements.count.get()?.n ?? 0,
    countActiveSupervisors: () => statements.supervisors.get()?.n ?? 0,
    insert(o) {
      const profile: OfficerProfile = {
        username: o.username,
        displayName: o.displayName,
        policeId: o.policeId,
      }
      statements.insert.run({
        officerId: o.officerId,
        usernameKey: sealer.usernameKey(o.username),
        profile: sealer.seal(Buffer.from(JSON.stringify(profile), 'utf8'), o.officerId),
        role: o.role,
        passwordHash: o.passwordHash,
        mustChange: o.mustChangePassword ? 1 : 0,
        at: o.at,
        createdBy: o.createdBy,
      })
    },
    byUsername(username) {
      const row = statements.byKey.get(sealer.usernameKey(username))
      return row && fromRow(row)
    },
    byId(officerId) {
      const row = statements.byId.get(officerId)
      return row && fromRow(row)
    },
    list: () => statements.list.all().map(fromRow),
    recordFailure(officerId, failedAttempts, lockedUntil, at) {
      statements.failure.run(failedAttempts, lockedUntil, at, officerId)
    },
    clearFailures(officerId, at) {
      statements.clear.run(at, officerId)
    },
    setPassword(officerId, passwordHash, mustChange, at) {
      statements.password.run(passwordHash, mustChange ? 1 : 0, at, officerId)
    },
    setDisabled(officerId, disabled, at) {
      statements.state.run(disabled ? 'disabled' : 'active', at, officerId)
    },
    setRole(officerId, role, at) {
      statements.role.run(role, at, officerId)
    },
  }
}

function prepareStatements(db: SqliteDatabase) {
  return {
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM officers'),
    supervisors: db.prepare<[], { n: number }>(
      "SELECT count(*) AS n FROM officers WHERE role = 'supervisor' AND state = 'active'",
    ),
    insert: db.prepare(
      `INSERT INTO officers (officer_id, username_key, profile, role, state, password_hash,
         must_change_password, created_at, created_by, updated_at)
       VALUES (@officerId, @usernameKey, @profile, @role, 'active', @passwordHash, @mustChange,
         @at, @createdBy, @at)`,
    ),
    byKey: db.prepare<[string], Row>('SELECT * FROM officers WHERE username_key = ?'),
    byId: db.prepare<[string], Row>('SELECT * FROM officers WHERE officer_id = ?'),
    list: db.prepare<[], Row>('SELECT * FROM officers ORDER BY created_at, officer_id'),
    failure: db.prepare(
      'UPDATE officers SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE officer_id = ?',
    ),
    clear: db.prepare(
      'UPDATE officers SET failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE officer_id = ?',
    ),
    password: db.prepare(
      'UPDATE officers SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE officer_id = ?',
    ),
    state: db.prepare('UPDATE officers SET state = ?, updated_at = ? WHERE officer_id = ?'),
    role: db.prepare('UPDATE officers SET role = ?, updated_at = ? WHERE officer_id = ?'),
  }
}
