import type { Migration } from '../../../../lib/sqlite'

/**
 * Each terminal's signed audit checkpoints as received (`audit_checkpoints`, one per terminal and
 * seq), and the flags raised when one does not follow the last held (`audit_flags`: a gap, or a
 * rewrite of history). A refused checkpoint is not stored; its flag is.
 */
export const migration008AuditCheckpoints: Migration = {
  version: 8,
  name: 'audit-checkpoints',
  up(db) {
    db.exec(`
      CREATE TABLE audit_checkpoints (
        terminal_id     TEXT NOT NULL REFERENCES terminals (terminal_id),
        seq             INTEGER NOT NULL CHECK (seq > 0),
        head            TEXT NOT NULL,
        count           INTEGER NOT NULL,
        at              TEXT NOT NULL,
        prev_checkpoint TEXT NOT NULL,
        key_id          TEXT NOT NULL,
        signature       TEXT NOT NULL,
        hash            TEXT NOT NULL,
        received_at     TEXT NOT NULL,
        PRIMARY KEY (terminal_id, seq)
      ) STRICT;
      CREATE TABLE audit_flags (
        id          INTEGER PRIMARY KEY,
        terminal_id TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('gap', 'rewrite')),
        seq         INTEGER NOT NULL,
        detail      TEXT NOT NULL,
        at          TEXT NOT NULL
      ) STRICT;
    `)
  },
}
