import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import type { SqliteDatabase } from '../../../../lib/sqlite/database'
import { migrations } from './index'

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const insert = (db: SqliteDatabase, n: number, size = 100) =>
  db
    .prepare(
      `INSERT INTO queue (file_id, sha256, size, upstream_key_id, officer_id, simulated,
       submitted_at, next_attempt_at) VALUES (?, ?, ?, 'k', 'o', 0, ?, 'now')`,
    )
    .run(id(n), 'a'.repeat(64), size, `2026-11-26T08:${String(n % 60).padStart(2, '0')}:00Z`)

/** What the counters must equal: the same figures computed from the queue itself. */
function recount(db: SqliteDatabase) {
  return db
    .prepare(
      `SELECT state, coalesce(upstream_state, '') AS upstream_state, count(*) AS files,
         sum(CASE WHEN body_deleted_at IS NULL THEN size ELSE 0 END) AS bytes_on_disk
       FROM queue GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all()
}
const counters = (db: SqliteDatabase) =>
  db
    .prepare(
      'SELECT state, upstream_state, files, bytes_on_disk FROM queue_counts WHERE files > 0 ORDER BY 1, 2',
    )
    .all()

describe('migration 008: queue counts', () => {
  it('backfills the counters from an existing queue', () => {
    const db = databaseAtVersion(7)
    for (const n of [1, 2, 3]) insert(db, n, n * 10)
    db.prepare(
      `UPDATE queue SET state = 'sent', upstream_state = 'approved' WHERE file_id = ?`,
    ).run(id(1))
    expect(migrate(db, migrations.slice(0, 8))).toEqual([8])
    expect(counters(db)).toEqual(recount(db))
  })

  it('keeps the counters equal to a recount through any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            op: fc.constantFrom(
              'insert',
              'sent',
              'dead',
              'requeue',
              'upstream',
              'deleteBody',
              'delete',
            ),
            n: fc.integer({ min: 1, max: 8 }),
            size: fc.integer({ min: 1, max: 1000 }),
            verdict: fc.constantFrom('received', 'approved', 'rejected'),
          }),
          { maxLength: 40 },
        ),
        (ops) => {
          const db = databaseAtVersion(8)
          for (const { op, n, size, verdict } of ops) {
            try {
              if (op === 'insert') insert(db, n, size)
              if (op === 'sent')
                db.prepare(`UPDATE queue SET state = 'sent' WHERE file_id = ?`).run(id(n))
              if (op === 'dead')
                db.prepare(
                  `UPDATE queue SET state = 'dead', dead_reason = 'r' WHERE file_id = ? AND state = 'queued'`,
                ).run(id(n))
              if (op === 'requeue')
                db.prepare(
                  `UPDATE queue SET state = 'queued', dead_reason = NULL, body_deleted_at = NULL WHERE file_id = ?`,
                ).run(id(n))
              if (op === 'upstream')
                db.prepare('UPDATE queue SET upstream_state = ? WHERE file_id = ?').run(
                  verdict,
                  id(n),
                )
              if (op === 'deleteBody')
                db.prepare(
                  `UPDATE queue SET body_deleted_at = 'now' WHERE file_id = ? AND state = 'sent'`,
                ).run(id(n))
              if (op === 'delete') db.prepare('DELETE FROM queue WHERE file_id = ?').run(id(n))
            } catch (error) {
              // Constraint refusals (duplicate id, unsent delete…) change nothing, counters included.
              if (!/constraint|unsent|CHECK/i.test(String(error))) throw error
            }
          }
          expect(counters(db)).toEqual(recount(db))
        },
      ),
      { numRuns: 150 },
    )
  })
})
