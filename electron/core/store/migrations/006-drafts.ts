import type { Migration } from '../../../../lib/sqlite/migrate'

/** Enrollments in progress; the payload is encrypted with the station's local key. */
export const migration006Drafts: Migration = {
  version: 6,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        draft_id   TEXT PRIMARY KEY CHECK (length(draft_id) BETWEEN 1 AND 100),
        officer_id TEXT NOT NULL,
        step       TEXT NOT NULL CHECK (length(step) BETWEEN 1 AND 50),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        payload    BLOB NOT NULL
      ) STRICT;
      CREATE INDEX drafts_updated ON drafts (updated_at);
    `)
  },
}
