import type { Migration } from '../../../../lib/sqlite/migrate'

/** The upstream's signed receipts, verified before they are stored, and kept for good. */
export const migration005Receipts: Migration = {
  version: 5,
  name: 'receipts',
  up(db) {
    db.exec(`
      CREATE TABLE receipts (
        file_id     TEXT PRIMARY KEY REFERENCES queue (file_id),
        sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
        size        INTEGER NOT NULL CHECK (size > 0),
        terminal_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        key_id      TEXT NOT NULL,
        signature   TEXT NOT NULL,
        stored_at   TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts
        BEGIN SELECT RAISE(ABORT, 'receipts are kept as received'); END;
      CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts
        BEGIN SELECT RAISE(ABORT, 'receipts are kept as received'); END;
    `)
  },
}
