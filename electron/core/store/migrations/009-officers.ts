import type { Migration } from '../../../../lib/sqlite/migrate'

/**
 * Officer accounts. Nothing that names a person is in a clear column: the username, display name
 * and police ID are sealed with the station's local key in `profile` (bound to the officer id), and
 * sign-in finds the row by `username_key`, a keyed hash of the username. The password is kept only
 * as a salted scrypt hash. Lockout state (consecutive failures, lock end) sits beside it, so a
 * failed attempt and its lock commit in one statement.
 */
export const migration009Officers: Migration = {
  version: 9,
  name: 'officers',
  up(db) {
    db.exec(`
      CREATE TABLE officers (
        officer_id           TEXT PRIMARY KEY,
        username_key         TEXT NOT NULL UNIQUE CHECK (length(username_key) = 64),
        profile              BLOB NOT NULL,
        role                 TEXT NOT NULL CHECK (role IN ('officer', 'supervisor', 'support')),
        state                TEXT NOT NULL CHECK (state IN ('active', 'disabled')),
        password_hash        TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        failed_attempts      INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until         TEXT,
        created_at           TEXT NOT NULL,
        created_by           TEXT NOT NULL,
        updated_at           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX officers_role_state ON officers (role, state);
    `)
  },
}
