import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncProgress } from '../../electron/contract'
import { createCore } from '../../electron/core'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { tempKioskConfig } from '../../electron/core/test-support'
import { startUpstream } from '../../upstream/server'
import { useTestUpstreamDatabases } from '../support/upstream-backend'

const databases = useTestUpstreamDatabases()

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const CHUNK = 16 * 1024

describe('sync.progress from a real pass', () => {
  it('goes to every window as each chunk lands, with ids and byte counts only', async () => {
    const upstreamDir = mkdtempSync(join(tmpdir(), 'e2e-upstream-'))
    const upstream = await startUpstream({ dataDir: upstreamDir, ...(await databases.next()) })
    cleanups.push(() => rmSync(upstreamDir, { recursive: true, force: true }))
    cleanups.push(() => upstream.close())
    const kiosk = tempKioskConfig({ upstreamUrl: upstream.url, sync: { chunkSize: CHUNK } })
    cleanups.push(kiosk.cleanup)
    const core = await createCore(kiosk.config, { shell: 'cli' })
    cleanups.push(() => core.close())
    await core.queue.register(await upstream.registrationCode())

    const file = core.submit({
      officerId: 'officer-7',
      startedAt: new Date().toISOString(),
      parts: syntheticEnrollmentParts(randomBytes, 40 * 1024),
      simulated: true,
    })
    const progress: { payload: SyncProgress; to: unknown }[] = []
    core.onEvent((name, payload, to) => {
      if (name === 'sync.progress') progress.push({ payload: payload as SyncProgress, to })
    })
    expect(await core.queue.sync.runPass()).toMatchObject({ sent: 1 })

    // From nothing held to the whole body, one chunk at a time.
    const expected = [0]
    for (let sent = CHUNK; sent < file.size; sent += CHUNK) expected.push(sent)
    expected.push(file.size)
    expect(progress.map((p) => p.payload)).toEqual(
      expected.map((bytesSent) => ({ fileId: file.fileId, bytesSent, bytesTotal: file.size })),
    )
    expect(progress.every((p) => p.to === undefined)).toBe(true)
  })
})
