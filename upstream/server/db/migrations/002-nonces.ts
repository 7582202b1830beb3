import type { Migration } from '../../../../lib/sqlite'

/** Nonces seen per terminal, kept until their timestamp leaves the window: replay protection. */
export const migration002Nonces: Migration = {
  version: 2,
  name: 'nonces',
  up(db) {
    db.exec(`
      CREATE TABLE nonces (
        terminal_id TEXT NOT NULL,
        nonce       TEXT NOT NULL,
        expires_ms  INTEGER NOT NULL,
        PRIMARY KEY (terminal_id, nonce)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX nonces_expiry ON nonces (expires_ms);
    `)
  },
}
