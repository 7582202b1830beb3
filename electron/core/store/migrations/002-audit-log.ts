import type { Migration } from '../../../../lib/sqlite/migrate'

/**
 * Append-only, hash-chained audit log: who did what to which file id, never the PII itself.
 * Triggers refuse UPDATE and DELETE so the chain cannot be edited through SQL.
 */
export const migration002AuditLog: Migration = {
  version: 2,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq        INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        action     TEXT NOT NULL,
        subject    TEXT,
        details    TEXT CHECK (details IS NULL OR json_valid(details)),
        prev_hash  TEXT NOT NULL,
        hash       TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `)
  },
}
