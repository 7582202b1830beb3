import type { SqliteDatabase } from '../../../lib/sqlite'

/** Uploads announced and not yet complete (files in state `receiving`), for their limits. */
export interface UnfinishedUploads {
  /** A terminal's unfinished uploads announced at or after `since`: how many, and their bytes. */
  held(terminalId: string, since: string): { files: number; bytes: number }
  /** Deletes unfinished uploads announced before `cutoff`, with their chunks; their ids. */
  purge(cutoff: string): string[]
}

export function createUnfinishedUploads(db: SqliteDatabase): UnfinishedUploads {
  const held = db.prepare<[string, string], { files: number; bytes: number }>(
    `SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM files
     WHERE terminal_id = ? AND state = 'receiving' AND announced_at >= ?`,
  )
  // Chunks go with their file (ON DELETE CASCADE, migration 006).
  const purge = db
    .prepare<[string], string>(
      "DELETE FROM files WHERE state = 'receiving' AND announced_at < ? RETURNING file_id",
    )
    .pluck()
  return {
    held: (terminalId, since) => held.get(terminalId, since) ?? { files: 0, bytes: 0 },
    purge: (cutoff) => purge.all(cutoff),
  }
}
