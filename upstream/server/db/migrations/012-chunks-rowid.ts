import type { Migration } from '../../../../lib/sqlite'

/**
 * The chunks table again, as an ordinary rowid table. WITHOUT ROWID keeps whole rows in the primary
 * key's b-tree, which SQLite advises against for rows this large (a chunk is up to 1 MiB): writing a
 * 64 KB chunk cost about three times, and reading a body five times, what it costs now. The
 * primary key (file_id, offset) stays, as the index beside the rows.
 */
export const migration012ChunksRowid: Migration = {
  version: 12,
  name: 'chunks-rowid',
  up(db) {
    db.exec(`
      CREATE TABLE chunks_rowid (
        file_id TEXT NOT NULL REFERENCES files (file_id) ON DELETE CASCADE,
        offset  INTEGER NOT NULL CHECK (offset >= 0),
        data    BLOB NOT NULL CHECK (length(data) > 0),
        PRIMARY KEY (file_id, offset)
      ) STRICT;
      INSERT INTO chunks_rowid (file_id, offset, data)
        SELECT file_id, offset, data FROM chunks ORDER BY file_id, offset;
      DROP TABLE chunks;
      ALTER TABLE chunks_rowid RENAME TO chunks;
    `)
  },
}
