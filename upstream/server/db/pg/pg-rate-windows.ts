import type { AsyncRepository } from '../async-repository'
import type { RateWindows } from '../rate-windows'
import type { Queryable } from './pg-database'

/** How often (in the injected time) windows long over are deleted. */
const SWEEP_EVERY_MS = 10 * 60_000

/**
 * The counts in PostgreSQL, so that N intake processes share one limit per terminal: one upsert
 * per request counts it and starts a new window when the old one is over, atomically.
 */
export function createPgRateWindows(db: Queryable): AsyncRepository<RateWindows> {
  let lastSweep = Number.NEGATIVE_INFINITY
  return {
    async incr(key, nowMs, windowMs) {
      if (nowMs - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = nowMs
        await db.query('DELETE FROM rate_windows WHERE start_ms + $2 <= $1', [nowMs, windowMs])
      }
      const { rows } = await db.query<{ start_ms: number; count: number }>(
        `INSERT INTO rate_windows AS w (key, start_ms, count) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           start_ms = CASE WHEN w.start_ms + $3 <= $2 THEN $2 ELSE w.start_ms END,
           count = CASE WHEN w.start_ms + $3 <= $2 THEN 1 ELSE w.count + 1 END
         RETURNING start_ms, count`,
        [key, nowMs, windowMs],
      )
      const row = rows[0]
      if (!row) throw new Error('INSERT … RETURNING gave no row')
      return { current: row.count, ttl: row.start_ms + windowMs - nowMs }
    },
  }
}
