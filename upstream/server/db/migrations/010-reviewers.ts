import type { Migration } from '../../../../lib/sqlite'

/**
 * Reviewer accounts replace the shared review token: one row per reviewer (scrypt hash with its
 * own salt and cost, role, disabled, the count of wrong passwords in a row and the lockout end),
 * their sessions (only the SHA-256 of the bearer token is kept, with the idle and absolute
 * expiry), and who decided each file: its reviewer's display name and role at the time (the
 * `reviewer` column keeps the id, so a renamed or removed account does not rewrite history).
 */
export const migration010Reviewers: Migration = {
  version: 10,
  name: 'reviewers',
  up(db) {
    db.exec(`
      CREATE TABLE reviewers (
        reviewer_id     TEXT PRIMARY KEY CHECK (length(reviewer_id) BETWEEN 1 AND 64),
        display_name    TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        role            TEXT NOT NULL CHECK (role IN ('reviewer', 'senior')),
        password_hash   TEXT,
        disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until    TEXT,
        created_at      TEXT NOT NULL,
        password_at     TEXT
      ) STRICT;
      CREATE TABLE reviewer_sessions (
        token_sha256 TEXT PRIMARY KEY CHECK (length(token_sha256) = 64),
        reviewer_id  TEXT NOT NULL REFERENCES reviewers (reviewer_id),
        created_at   TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviewer_sessions_by_reviewer ON reviewer_sessions (reviewer_id);
      ALTER TABLE files ADD COLUMN reviewer_name TEXT;
      ALTER TABLE files ADD COLUMN reviewer_role TEXT
        CHECK (reviewer_role IS NULL OR reviewer_role IN ('reviewer', 'senior'));
    `)
  },
}
