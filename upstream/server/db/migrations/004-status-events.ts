import type { Migration } from '../../../../lib/sqlite'

/** The status feed: every state change of a received file, in order; `seq` is the cursor. */
export const migration004StatusEvents: Migration = {
  version: 4,
  name: 'status-events',
  up(db) {
    db.exec(`
      CREATE TABLE status_events (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        terminal_id TEXT NOT NULL,
        file_id     TEXT NOT NULL REFERENCES files (file_id),
        state       TEXT NOT NULL CHECK (state IN ('received', 'approved', 'rejected')),
        reason      TEXT,
        at          TEXT NOT NULL,
        CHECK ((state = 'rejected') = (reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX status_events_feed ON status_events (terminal_id, seq);
    `)
  },
}
