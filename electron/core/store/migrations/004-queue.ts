import type { Migration } from '../../../../lib/sqlite/migrate'

/**
 * The outbox of submitted enrollment files. A row holds ids, the body's hash and size, states and
 * times only; the encrypted body is a file in `outbox/`, written and fsynced before the row commits.
 * A file still waiting to be sent can never be deleted through SQL.
 */
export const migration004Queue: Migration = {
  version: 4,
  name: 'queue',
  up(db) {
    db.exec(`
      CREATE TABLE queue (
        file_id            TEXT PRIMARY KEY CHECK (length(file_id) = 36),
        sha256             TEXT NOT NULL CHECK (length(sha256) = 64),
        size               INTEGER NOT NULL CHECK (size > 0),
        upstream_key_id    TEXT NOT NULL,
        officer_id         TEXT NOT NULL,
        simulated          INTEGER NOT NULL CHECK (simulated IN (0, 1)),
        submitted_at       TEXT NOT NULL,
        state              TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'dead')),
        attempts           INTEGER NOT NULL DEFAULT 0,
        permanent_failures INTEGER NOT NULL DEFAULT 0,
        next_attempt_at    TEXT NOT NULL,
        uploaded_offset    INTEGER NOT NULL DEFAULT 0,
        last_error         TEXT,
        last_error_at      TEXT,
        dead_reason        TEXT,
        sent_at            TEXT,
        upstream_state     TEXT CHECK (upstream_state IN ('received', 'approved', 'rejected')),
        upstream_reason    TEXT,
        upstream_state_at  TEXT,
        body_deleted_at    TEXT,
        CHECK (state <> 'dead' OR dead_reason IS NOT NULL),
        CHECK (body_deleted_at IS NULL OR state = 'sent')
      ) STRICT;
      CREATE INDEX queue_due ON queue (state, next_attempt_at);
      CREATE INDEX queue_submitted ON queue (submitted_at);
      CREATE INDEX queue_upstream_state ON queue (upstream_state);
      CREATE TRIGGER queue_keep_unsent BEFORE DELETE ON queue WHEN old.state <> 'sent'
        BEGIN SELECT RAISE(ABORT, 'queue: an unsent file cannot be deleted'); END;
    `)
  },
}
