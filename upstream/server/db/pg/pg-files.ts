import type { AsyncRepository } from '../async-repository'
import {
  fileRecordOf,
  type FileRepository,
  type FileRow,
  type ReviewListQuery,
  type UpstreamStats,
} from '../files'
import type { Queryable } from './pg-database'

type PgFileRow = Omit<FileRow, 'simulated'> & { simulated: boolean | null }

function recordOf(row: PgFileRow) {
  return fileRecordOf({ ...row, simulated: row.simulated === null ? null : row.simulated ? 1 : 0 })
}

const EMPTY_STATS: UpstreamStats = { received: 0, approved: 0, rejected: 0, duplicates: 0 }

/**
 * Files on PostgreSQL: the same answers as `createFileRepository`. Every state change is one
 * conditional UPDATE (`WHERE state = …`), so when two processes race to receive or review the
 * same file exactly one of them changes it.
 */
export function createPgFileRepository(db: Queryable): AsyncRepository<FileRepository> {
  const one = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rowCount
  return {
    async get(fileId) {
      const { rows } = await db.query<PgFileRow>('SELECT * FROM files WHERE file_id = $1', [fileId])
      return rows[0] ? recordOf(rows[0]) : undefined
    },
    async announce(f) {
      await db.query(
        `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at)
         VALUES ($1, $2, $3, $4, 'receiving', $5, $6) ON CONFLICT (file_id) DO NOTHING`,
        [f.fileId, f.terminalId, f.sha256, f.size, f.source, f.at],
      )
    },
    async setReceivedOffset(fileId, offset) {
      await db.query(
        "UPDATE files SET received_offset = $1 WHERE file_id = $2 AND state = 'receiving'",
        [offset, fileId],
      )
    },
    async advanceReceivedOffset(fileId, from, to) {
      const changed = await one(
        `UPDATE files SET received_offset = $1
         WHERE file_id = $2 AND state = 'receiving' AND received_offset = $3`,
        [to, fileId, from],
      )
      return changed === 1
    },
    async markReceived(fileId, f) {
      const changed = await one(
        `UPDATE files SET state = 'received', receipt_json = $1, simulated = $2, chip_verdict = $3,
           chip_json = $4, received_at = $5, received_offset = size
         WHERE file_id = $6 AND state = 'receiving'`,
        [
          JSON.stringify(f.receipt),
          f.simulated,
          f.chip.verdict,
          JSON.stringify(f.chip),
          f.at,
          fileId,
        ],
      )
      return changed === 1
    },
    async markReviewed(fileId, f) {
      const changed = await one(
        `UPDATE files SET state = $1, reason = $2, reviewer = $3, reviewer_name = $4,
           reviewer_role = $5, reviewed_at = $6
         WHERE file_id = $7 AND state = 'received'`,
        [f.state, f.reason, f.reviewer.id, f.reviewer.name, f.reviewer.role, f.at, fileId],
      )
      return changed === 1
    },
    async countDuplicate(fileId) {
      await db.query('UPDATE files SET duplicates = duplicates + 1 WHERE file_id = $1', [fileId])
    },
    async forgetUpload(fileId) {
      await db.query("DELETE FROM files WHERE file_id = $1 AND state = 'receiving'", [fileId])
    },
    listForReview: (query) => listForReview(db, query),
    stats: () => statsOf(db),
  }
}

async function listForReview(db: Queryable, { state, limit, after }: ReviewListQuery) {
  const { rows } = after
    ? await db.query<PgFileRow>(
        `SELECT * FROM files WHERE state = $1
           AND (received_at > $2 OR (received_at = $2 AND file_id > $3))
         ORDER BY received_at, file_id LIMIT $4`,
        [state, after.receivedAt, after.fileId, limit],
      )
    : await db.query<PgFileRow>(
        'SELECT * FROM files WHERE state = $1 ORDER BY received_at, file_id LIMIT $2',
        [state, limit],
      )
  return rows.map(recordOf)
}

async function statsOf(db: Queryable): Promise<UpstreamStats> {
  const { rows } = await db.query<UpstreamStats>(
    `SELECT
       count(*) FILTER (WHERE state <> 'receiving')::int AS received,
       count(*) FILTER (WHERE state = 'approved')::int AS approved,
       count(*) FILTER (WHERE state = 'rejected')::int AS rejected,
       coalesce(sum(duplicates), 0)::int AS duplicates
     FROM files`,
  )
  return rows[0] ?? EMPTY_STATS
}
