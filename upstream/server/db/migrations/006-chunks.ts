import type { Migration } from '../../../../lib/sqlite'

/**
 * Encrypted bodies as their uploaded chunks, inside the database instead of files beside it: a
 * chunk and the new offset commit together, and the single durable commit that records a file as
 * received covers its bytes too (one fsync per file instead of three). The bodies stay encrypted
 * to the upstream key, as they were sent.
 */
export const migration006Chunks: Migration = {
  version: 6,
  name: 'chunks',
  up(db) {
    db.exec(`
      CREATE TABLE chunks (
        file_id TEXT NOT NULL REFERENCES files (file_id) ON DELETE CASCADE,
        offset  INTEGER NOT NULL CHECK (offset >= 0),
        data    BLOB NOT NULL CHECK (length(data) > 0),
        PRIMARY KEY (file_id, offset)
      ) STRICT, WITHOUT ROWID;
    `)
  },
}
