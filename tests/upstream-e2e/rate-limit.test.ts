import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../electron/core'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import type { SyncPassResult } from '../../electron/core/sync'
import { tempKioskConfig } from '../../electron/core/test-support'
import { startUpstream } from '../../upstream/server'
import { useTestUpstreamDatabases } from '../support/upstream-backend'

const databases = useTestUpstreamDatabases()

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const WINDOW_MS = 60_000

describe('the upstream rate limit, kiosk and upstream over loopback HTTP', () => {
  it('holds the station for Retry-After, then delivers every file once, counting no failure', async () => {
    // One virtual clock for both sides: the kiosk's waits move it, not the wall clock.
    let nowMs = Date.now()
    const now = () => new Date(nowMs)
    const upstreamDir = mkdtempSync(join(tmpdir(), 'e2e-rate-limit-'))
    cleanups.push(() => rmSync(upstreamDir, { recursive: true, force: true }))
    const upstream = await startUpstream({
      dataDir: upstreamDir,
      ...(await databases.next()),
      now,
      limits: { requestsPerWindow: 6, rateWindowMs: WINDOW_MS },
    })
    cleanups.push(() => upstream.close())
    const kiosk = tempKioskConfig({ upstreamUrl: upstream.url, sync: { chunkSize: 16 * 1024 } })
    cleanups.push(kiosk.cleanup)
    const core = await createCore(kiosk.config, { shell: 'cli', now })
    cleanups.push(() => core.close())
    await core.queue.register(await upstream.registrationCode())

    const files = [1, 2, 3].map(() =>
      core.submit({
        officerId: 'officer-7',
        startedAt: now().toISOString(),
        parts: syntheticEnrollmentParts(randomBytes, 40 * 1024),
        simulated: true,
      }),
    )
    const slept: number[] = []
    const passes: SyncPassResult[] = []
    await core.queue.sync.runUntilEmpty({
      sleep: (ms) => {
        slept.push(ms)
        nowMs += ms
        return Promise.resolve()
      },
      onPass: (pass) => passes.push(pass),
      shouldStop: () => passes.length > 20,
    })

    expect(core.queue.status().counts).toMatchObject({ queued: 0, sent: 3, dead: 0 })
    expect(await upstream.stats()).toMatchObject({ received: 3 })
    const limited = passes.filter((pass) => pass.retryAfterMs !== null)
    expect(limited.length).toBeGreaterThan(0)
    for (const pass of limited) expect(pass.failed).toBe(0)
    // Each wait after a limited pass is the Retry-After, within the window.
    expect(Math.max(...slept)).toBeLessThanOrEqual(WINDOW_MS)
    expect(Math.max(...slept)).toBeGreaterThan(0)
    for (const file of files) {
      const item = core.queue.list().find((entry) => entry.fileId === file.fileId)
      expect(item).toMatchObject({ state: 'sent', attempts: 0 })
    }
  })
})
