import type { Migration } from '../../../../lib/sqlite'

/**
 * Registered terminals and the one-time invite codes that register them. Codes are stored as their
 * SHA-256 only: a copy of the database does not yield usable codes.
 */
export const migration001Terminals: Migration = {
  version: 1,
  name: 'terminals',
  up(db) {
    db.exec(`
      CREATE TABLE invites (
        code_hash    TEXT PRIMARY KEY CHECK (length(code_hash) = 64),
        created_at   TEXT NOT NULL,
        expires_at   TEXT NOT NULL,
        used_by      TEXT,
        used_key_id  TEXT,
        used_at      TEXT,
        CHECK ((used_by IS NULL) = (used_at IS NULL))
      ) STRICT;
      CREATE TABLE terminals (
        terminal_id   TEXT PRIMARY KEY CHECK (length(terminal_id) BETWEEN 1 AND 100),
        public_key    TEXT NOT NULL,
        key_id        TEXT NOT NULL CHECK (length(key_id) = 32),
        key_type      TEXT NOT NULL CHECK (key_type IN ('ed25519', 'p256')),
        registered_at TEXT NOT NULL
      ) STRICT;
    `)
  },
}
