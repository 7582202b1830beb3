import type { Migration } from '../../../../lib/sqlite'

/**
 * One row per enrollment file: its upload progress, then its review. The body itself is a file in
 * the data directory, still encrypted; the receipt is kept as signed JSON. `duplicates` counts
 * announces, completes and imports of the file after it was already received.
 */
export const migration003Files: Migration = {
  version: 3,
  name: 'files',
  up(db) {
    db.exec(`
      CREATE TABLE files (
        file_id         TEXT PRIMARY KEY,
        terminal_id     TEXT NOT NULL REFERENCES terminals (terminal_id),
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        size            INTEGER NOT NULL CHECK (size > 0),
        received_offset INTEGER NOT NULL DEFAULT 0 CHECK (received_offset BETWEEN 0 AND size),
        state           TEXT NOT NULL
                        CHECK (state IN ('receiving', 'received', 'approved', 'rejected')),
        source          TEXT NOT NULL CHECK (source IN ('upload', 'import')),
        announced_at    TEXT NOT NULL,
        received_at     TEXT,
        receipt_json    TEXT CHECK (receipt_json IS NULL OR json_valid(receipt_json)),
        simulated       INTEGER CHECK (simulated IN (0, 1)),
        reviewed_at     TEXT,
        reviewer        TEXT,
        reason          TEXT,
        duplicates      INTEGER NOT NULL DEFAULT 0,
        CHECK ((state = 'receiving') = (receipt_json IS NULL)),
        CHECK ((state = 'rejected') = (reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX files_by_state ON files (state, received_at);
    `)
  },
}
