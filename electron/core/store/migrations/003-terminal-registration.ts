import type { Migration } from '../../../../lib/sqlite/migrate'

/**
 * The terminal's registration with its upstream: one row, public keys and ids only. The terminal's
 * private key lives in a key file (or safeStorage), never in the database.
 */
export const migration003TerminalRegistration: Migration = {
  version: 3,
  name: 'terminal-registration',
  up(db) {
    db.exec(`
      CREATE TABLE terminal_registration (
        id                    INTEGER PRIMARY KEY CHECK (id = 1),
        terminal_id           TEXT NOT NULL CHECK (length(terminal_id) BETWEEN 1 AND 100),
        key_id                TEXT NOT NULL CHECK (length(key_id) = 32),
        upstream_id           TEXT NOT NULL,
        upstream_url          TEXT,
        encryption_key_id     TEXT NOT NULL CHECK (length(encryption_key_id) = 32),
        encryption_public_key TEXT NOT NULL,
        signing_key_id        TEXT NOT NULL CHECK (length(signing_key_id) = 32),
        signing_public_key    TEXT NOT NULL,
        registered_at         TEXT NOT NULL
      ) STRICT;
    `)
  },
}
