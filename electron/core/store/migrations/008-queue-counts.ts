import type { Migration } from '../../../../lib/sqlite/migrate'

/**
 * Keeps the queue screen's counts O(1) at any queue length: triggers maintain one row per
 * (state, upstream state) with its file count and the bytes of bodies still on disk, and an index
 * on (state, submitted_at) serves "oldest waiting" and per-state pages. Backfilled from the queue.
 */
export const migration008QueueCounts: Migration = {
  version: 8,
  name: 'queue-counts',
  up(db) {
    db.exec(`
      CREATE INDEX queue_state_submitted ON queue (state, submitted_at);
      CREATE TABLE queue_counts (
        state          TEXT NOT NULL,
        upstream_state TEXT NOT NULL,
        files          INTEGER NOT NULL,
        bytes_on_disk  INTEGER NOT NULL,
        PRIMARY KEY (state, upstream_state)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO queue_counts
        SELECT state, coalesce(upstream_state, ''), count(*),
               coalesce(sum(CASE WHEN body_deleted_at IS NULL THEN size ELSE 0 END), 0)
        FROM queue GROUP BY state, coalesce(upstream_state, '');

      CREATE TRIGGER queue_counts_insert AFTER INSERT ON queue BEGIN
        INSERT INTO queue_counts VALUES (new.state, coalesce(new.upstream_state, ''), 1,
          CASE WHEN new.body_deleted_at IS NULL THEN new.size ELSE 0 END)
        ON CONFLICT (state, upstream_state) DO UPDATE SET files = files + 1,
          bytes_on_disk = bytes_on_disk + excluded.bytes_on_disk;
      END;
      CREATE TRIGGER queue_counts_update AFTER UPDATE OF state, upstream_state, body_deleted_at, size
        ON queue BEGIN
        UPDATE queue_counts SET files = files - 1, bytes_on_disk = bytes_on_disk -
          CASE WHEN old.body_deleted_at IS NULL THEN old.size ELSE 0 END
        WHERE state = old.state AND upstream_state = coalesce(old.upstream_state, '');
        INSERT INTO queue_counts VALUES (new.state, coalesce(new.upstream_state, ''), 1,
          CASE WHEN new.body_deleted_at IS NULL THEN new.size ELSE 0 END)
        ON CONFLICT (state, upstream_state) DO UPDATE SET files = files + 1,
          bytes_on_disk = bytes_on_disk + excluded.bytes_on_disk;
      END;
      CREATE TRIGGER queue_counts_delete AFTER DELETE ON queue BEGIN
        UPDATE queue_counts SET files = files - 1, bytes_on_disk = bytes_on_disk -
          CASE WHEN old.body_deleted_at IS NULL THEN old.size ELSE 0 END
        WHERE state = old.state AND upstream_state = coalesce(old.upstream_state, '');
      END;
    `)
  },
}
