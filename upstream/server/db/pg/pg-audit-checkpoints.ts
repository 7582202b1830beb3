import {
  heldRowOf,
  type AuditCheckpointRepository,
  type HeldCheckpoint,
} from '../../audit/audit-checkpoints'
import type { AsyncRepository } from '../async-repository'
import type { PgScope } from './pg-scope'

const HELD = 'SELECT seq, head, hash FROM audit_checkpoints WHERE terminal_id = $1'

/**
 * Terminals' audit checkpoints on PostgreSQL: the same answers as
 * `createAuditCheckpointRepository`. An append takes the terminal's advisory lock first and then
 * judges the chain's end in a statement of its own, so it sees what an append that held the lock
 * before it committed: two processes cannot both extend one end.
 */
export function createPgAuditCheckpointRepository(
  db: PgScope,
): AsyncRepository<AuditCheckpointRepository> {
  const one = async (sql: string, params: unknown[]) =>
    (await db.query<HeldCheckpoint>(sql, params)).rows[0]
  return {
    last: (terminalId) => one(`${HELD} ORDER BY seq DESC LIMIT 1`, [terminalId]),
    atSeq: (terminalId, seq) => one(`${HELD} AND seq = $2`, [terminalId, seq]),
    byHash: (terminalId, hash) => one(`${HELD} AND hash = $2`, [terminalId, hash]),
    async append(cp, receivedAt) {
      const r = heldRowOf(cp, receivedAt)
      return db.atomically(async (client) => {
        await client.query("SELECT pg_advisory_xact_lock(hashtext('audit:' || $1))", [r.terminalId])
        const { rowCount } = await client.query(
          `INSERT INTO audit_checkpoints (terminal_id, seq, head, count, at, prev_checkpoint,
             key_id, signature, hash, received_at)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
           WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE terminal_id = $1 AND seq >= $2)
             AND coalesce((SELECT hash FROM audit_checkpoints WHERE terminal_id = $1
               ORDER BY seq DESC LIMIT 1), $11) = $6
           ON CONFLICT DO NOTHING`,
          [
            r.terminalId,
            r.seq,
            r.head,
            r.count,
            r.at,
            r.prevCheckpoint,
            r.keyId,
            r.signature,
            r.hash,
            r.receivedAt,
            r.genesis,
          ],
        )
        return rowCount === 1
      })
    },
    async flag(terminalId, kind, seq, detail, at) {
      await db.query(
        'INSERT INTO audit_flags (terminal_id, kind, seq, detail, at) VALUES ($1, $2, $3, $4, $5)',
        [terminalId, kind, seq, detail, at],
      )
    },
    async flagCount() {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_flags')
      return rows[0]?.n ?? 0
    },
  }
}
