import type { Migration } from '../../../../lib/sqlite/migrate'

/** One row: the status-feed cursor and when sync last ran and last reached the upstream. */
export const migration007SyncState: Migration = {
  version: 7,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        id              INTEGER PRIMARY KEY CHECK (id = 1),
        status_cursor   TEXT,
        last_pass_at    TEXT,
        last_success_at TEXT,
        last_error      TEXT,
        online          INTEGER CHECK (online IN (0, 1))
      ) STRICT;
      INSERT INTO sync_state (id) VALUES (1);
    `)
  },
}
