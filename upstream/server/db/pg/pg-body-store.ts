import type { BodyStore } from '../../intake/body-store'
import type { AsyncRepository } from '../async-repository'
import type { PgScope } from './pg-scope'

// A chunk that starts before the write's offset and runs past it keeps only its head.
const CUT_AT_OFFSET = `UPDATE chunks SET data = substring(data FROM 1 FOR ($2::bigint - "offset")::int)
  WHERE file_id = $1 AND "offset" < $2 AND "offset" + length(data) > $2`

/** Drops what is at or past the offset and cuts the chunk it lands inside (an empty write). */
const TRUNCATE = `WITH cut AS (${CUT_AT_OFFSET})
  DELETE FROM chunks WHERE file_id = $1 AND "offset" >= $2`

/**
 * Drops what is past the offset, cuts the chunk the offset lands inside and puts the data at it
 * (replacing a chunk that starts there). The three touch disjoint rows, so their order inside
 * the statement does not matter.
 */
const WRITE = `WITH dropped AS (DELETE FROM chunks WHERE file_id = $1 AND "offset" > $2),
  cut AS (${CUT_AT_OFFSET})
  INSERT INTO chunks (file_id, "offset", data) VALUES ($1, $2, $3)
  ON CONFLICT (file_id, "offset") DO UPDATE SET data = excluded.data`

/**
 * File bodies as their chunks in PostgreSQL's `chunks` table (migration 001): the same answers as
 * `createBodyStore` on SQLite. A write is one statement (one round trip, atomic on its own), so
 * another process reading the body sees it before or after the write, never half of it.
 */
export function createPgBodyStore(scope: PgScope): AsyncRepository<BodyStore> {
  return {
    async write(fileId, offset, data) {
      if (data.byteLength) await scope.query(WRITE, [fileId, offset, data])
      else await scope.query(TRUNCATE, [fileId, offset])
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
