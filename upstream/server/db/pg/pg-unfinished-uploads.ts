import type { AsyncRepository } from '../async-repository'
import type { UnfinishedUploads } from '../unfinished-uploads'
import type { PgScope } from './pg-scope'

/**
 * Unfinished uploads on PostgreSQL (index of migration 003): the same answers as
 * `createUnfinishedUploads`. `purge` is one DELETE: chunks go with their file (ON DELETE CASCADE);
 * the ids it answers let the caller remove bodies kept outside the database (a directory).
 * Timestamps compare byte by byte (COLLATE "C"), as SQLite compares them, whatever the locale.
 */
export function createPgUnfinishedUploads(scope: PgScope): AsyncRepository<UnfinishedUploads> {
  return {
    async held(terminalId, since) {
      const { rows } = await scope.query<{ files: number; bytes: number }>(
        `SELECT count(*) AS files, coalesce(sum(size), 0)::bigint AS bytes FROM files
         WHERE terminal_id = $1 AND state = 'receiving' AND announced_at COLLATE "C" >= $2`,
        [terminalId, since],
      )
      return rows[0] ?? { files: 0, bytes: 0 }
    },
    async purge(cutoff) {
      const { rows } = await scope.query<{ file_id: string }>(
        `DELETE FROM files WHERE state = 'receiving' AND announced_at COLLATE "C" < $1
         RETURNING file_id`,
        [cutoff],
      )
      return rows.map((row) => row.file_id)
    },
  }
}
