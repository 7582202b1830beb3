import type { AsyncRepository } from '../async-repository'
import { statusPageOf, type StatusEventRepository, type StatusEventRow } from '../status-events'
import type { PgScope } from './pg-scope'

const APPEND = `WITH locked AS (SELECT pg_advisory_xact_lock(hashtext('status:' || $1::text)))
  INSERT INTO status_events (terminal_id, file_id, state, reason, at)
  SELECT $1, $2::text, $3::text, $4::text, $5::text FROM locked RETURNING seq`

/**
 * The status feed on PostgreSQL. Terminals page it by `seq`; with several processes, a sequence
 * number taken by one transaction can commit after a higher one taken by another, and a reader
 * between the two commits would step over it for good. So appends for one terminal take that
 * terminal's advisory lock first: within a terminal's feed, seq order is commit order.
 * The lock and the insert are one statement: the row (and its seq) is made only once the lock
 * is held, and the lock lasts until the caller's transaction ends (or the statement's own).
 */
export function createPgStatusEventRepository(db: PgScope): AsyncRepository<StatusEventRepository> {
  return {
    async append(e) {
      const { rows } = await db.query<{ seq: number }>(APPEND, [
        e.terminalId,
        e.fileId,
        e.state,
        e.reason,
        e.at,
      ])
      const inserted = rows[0]
      if (!inserted) throw new Error('INSERT … RETURNING gave no row')
      return inserted.seq
    },
    async page(terminalId, afterSeq, limit) {
      const { rows } = await db.query<StatusEventRow>(
        `SELECT seq, file_id, state, reason, at FROM status_events
         WHERE terminal_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [terminalId, afterSeq, limit + 1],
      )
      return statusPageOf(rows, afterSeq, limit)
    },
  }
}
