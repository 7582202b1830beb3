import { describe, expect, it } from 'vitest'
import { runChaos } from './kill-chaos'

// CI runs a few kill points; `npx tsx tests/chaos/run-chaos.ts --kills 200` runs the full count.
const KILLS = Number(process.env.CHAOS_KILLS ?? '6')

describe('kill -9 during submit and upload', () => {
  it(
    `loses nothing and delivers every file exactly once (${KILLS} kill points)`,
    async () => {
      const report = await runChaos({ kills: KILLS, seed: 20261126 })
      expect(report.problems).toEqual([])
      expect(report.kills.total).toBeGreaterThanOrEqual(KILLS)
      // Files were submitted and delivered, not only processes killed.
      expect(report.confirmed).toBeGreaterThan(0)
      expect(report.queued).toBeGreaterThanOrEqual(report.confirmed)
      expect(report.onUpstream).toBe(report.queued)
    },
    KILLS * 30_000 + 120_000,
  )
})
