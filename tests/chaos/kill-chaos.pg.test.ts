import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, type TestPostgresDatabase } from '../support/postgres'
import { runChaos } from './kill-chaos'

// Two `kiosk upstream serve --db` processes on one database, one of them SIGKILLed at random
// points of the uploads (and the kiosk too). A few kill points in `npm test`; the full run:
// `npx tsx tests/chaos/run-chaos.ts --pg --kills 100`.
const KILLS = Number(process.env.CHAOS_PG_KILLS ?? '8')
let database: TestPostgresDatabase

beforeAll(async () => {
  database = await freshPostgresDatabase()
})
afterAll(async () => {
  await database?.drop()
})

describe('kill -9 of one of two intake processes on PostgreSQL', () => {
  it(
    `delivers every confirmed file exactly once (${KILLS} kill points)`,
    async () => {
      const report = await runChaos({
        kills: KILLS,
        seed: 20261204,
        database: database.url,
        log: (line) => console.log(line),
      })
      expect(report.problems).toEqual([])
      expect(report.kills.total).toBeGreaterThanOrEqual(KILLS)
      expect(report.kills.upstream).toBeGreaterThan(0)
      // Files were submitted and delivered, not only processes killed.
      expect(report.confirmed).toBeGreaterThan(0)
      expect(report.queued).toBeGreaterThanOrEqual(report.confirmed)
      expect(report.onUpstream).toBe(report.queued)
    },
    KILLS * 30_000 + 120_000,
  )
})
