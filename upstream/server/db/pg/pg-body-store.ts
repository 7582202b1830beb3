import type { BodyStore } from '../../intake/body-store'
import type { AsyncRepository } from '../async-repository'
import type { PgScope } from './pg-scope'

/**
 * File bodies as their chunks in PostgreSQL's `chunks` table (migration 001): the same answers as
 * `createBodyStore` on SQLite. A write drops what is at or past its offset, cuts the chunk it
 * lands inside and inserts itself, in one transaction (`scope.atomically`), so another process
 * reading the body sees it before or after the write, never half of it.
 */
export function createPgBodyStore(scope: PgScope): AsyncRepository<BodyStore> {
  return {
    async write(fileId, offset, data) {
      await scope.atomically(async (q) => {
        await q.query('DELETE FROM chunks WHERE file_id = $1 AND "offset" >= $2', [fileId, offset])
        // A chunk that starts before `offset` and runs past it keeps only its head.
        await q.query(
          `UPDATE chunks SET data = substring(data FROM 1 FOR ($2::bigint - "offset")::int)
           WHERE file_id = $1 AND "offset" < $2 AND "offset" + length(data) > $2`,
          [fileId, offset],
        )
        if (data.byteLength)
          await q.query('INSERT INTO chunks (file_id, "offset", data) VALUES ($1, $2, $3)', [
            fileId,
            offset,
            data,
          ])
      })
    },
    async size(fileId) {
      const { rows } = await scope.query<{ n: number }>(
        'SELECT coalesce(sum(length(data)), 0)::bigint AS n FROM chunks WHERE file_id = $1',
        [fileId],
      )
      return rows[0]?.n ?? 0
    },
    async read(fileId) {
      const { rows } = await scope.query<{ data: Buffer }>(
        'SELECT data FROM chunks WHERE file_id = $1 ORDER BY "offset"',
        [fileId],
      )
      return rows.length === 1 && rows[0] ? rows[0].data : Buffer.concat(rows.map((r) => r.data))
    },
    async remove(fileId) {
      await scope.query('DELETE FROM chunks WHERE file_id = $1', [fileId])
    },
  }
}
