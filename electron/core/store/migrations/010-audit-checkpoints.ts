import type { Migration } from '../../../../lib/sqlite/migrate'

/**
 * Signed checkpoints over the audit chain (`audit_checkpoint`, one per covered seq) and the
 * upstream's signed acknowledgements of them (`audit_ack`). Both are append-only like the log:
 * a checkpoint is evidence, and so is the proof that the upstream holds it.
 */
export const migration010AuditCheckpoints: Migration = {
  version: 10,
  name: 'audit-checkpoints',
  up(db) {
    db.exec(`
      CREATE TABLE audit_checkpoint (
        seq             INTEGER PRIMARY KEY CHECK (seq > 0),
        terminal_id     TEXT NOT NULL,
        key_id          TEXT NOT NULL,
        public_key      TEXT NOT NULL,
        head            TEXT NOT NULL,
        count           INTEGER NOT NULL CHECK (count > 0),
        at              TEXT NOT NULL,
        prev_checkpoint TEXT NOT NULL,
        signature       TEXT NOT NULL,
        hash            TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE TABLE audit_ack (
        seq             INTEGER PRIMARY KEY CHECK (seq > 0),
        terminal_id     TEXT NOT NULL,
        head            TEXT NOT NULL,
        checkpoint_hash TEXT NOT NULL,
        at              TEXT NOT NULL,
        key_id          TEXT NOT NULL,
        signature       TEXT NOT NULL,
        upstream_id     TEXT NOT NULL,
        received_at     TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
      CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
        BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
      CREATE TRIGGER audit_ack_no_update BEFORE UPDATE ON audit_ack
        BEGIN SELECT RAISE(ABORT, 'audit_ack is append-only'); END;
      CREATE TRIGGER audit_ack_no_delete BEFORE DELETE ON audit_ack
        BEGIN SELECT RAISE(ABORT, 'audit_ack is append-only'); END;
    `)
  },
}
