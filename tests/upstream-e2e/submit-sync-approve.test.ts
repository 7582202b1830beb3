import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { tempKioskConfig } from '../../electron/core/test-support'
import { startUpstream, type ListeningUpstream } from '../../upstream/server'
import { useTestUpstreamDatabases } from '../support/upstream-backend'

const databases = useTestUpstreamDatabases()

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function station(): Promise<{ core: Core; upstream: ListeningUpstream }> {
  const upstreamDir = mkdtempSync(join(tmpdir(), 'e2e-upstream-'))
  // Simulated files: approvable on a training upstream only.
  const upstream = await startUpstream({
    dataDir: upstreamDir,
    training: true,
    ...(await databases.next()),
  })
  cleanups.push(() => rmSync(upstreamDir, { recursive: true, force: true }))
  cleanups.push(() => upstream.close())
  const kiosk = tempKioskConfig({ upstreamUrl: upstream.url, sync: { chunkSize: 16 * 1024 } })
  cleanups.push(kiosk.cleanup)
  const core = await createCore(kiosk.config, { shell: 'cli' })
  cleanups.push(() => core.close())
  return { core, upstream }
}

function submitOne(core: Core) {
  return core.submit({
    officerId: 'officer-7',
    startedAt: new Date().toISOString(),
    parts: syntheticEnrollmentParts(randomBytes, 40 * 1024),
    simulated: true,
  })
}

describe('submit → sync → approve → status back at the kiosk', () => {
  it('carries files to the upstream once, with verified receipts, and brings the verdicts back', async () => {
    const { core, upstream } = await station()
    expect(core.queue.freezeReason()?.code).toBe('not-registered')
    const registration = await core.queue.register(await upstream.registrationCode())
    expect(registration.upstreamId).toBe(upstream.keys.publicDocument.upstreamId)
    expect(core.queue.freezeReason()).toBeNull()

    const approved = submitOne(core)
    const rejected = submitOne(core)
    expect(core.queue.status().counts).toMatchObject({ queued: 2, sent: 0 })

    const first = await core.queue.sync.runPass()
    expect(first).toMatchObject({ online: true, sent: 2, failed: 0, stoppedBecause: null })
    expect(core.queue.receipts.get(approved.fileId)).toMatchObject({
      fileId: approved.fileId,
      sha256: approved.sha256,
      size: approved.size,
    })
    expect(await upstream.stats()).toMatchObject({ received: 2, duplicates: 0 })

    const reviewer = { id: 'reviewer-1', name: 'Lê Thị Hoa', role: 'senior' as const }
    await upstream.review.approve(approved.fileId, reviewer)
    await upstream.review.reject(rejected.fileId, reviewer, 'Ảnh mờ / Portrait is blurred')
    const second = await core.queue.sync.runPass()
    expect(second.statusUpdates).toBeGreaterThanOrEqual(2)

    const items = new Map(core.queue.list().map((i) => [i.fileId, i]))
    expect(items.get(approved.fileId)).toMatchObject({ state: 'sent', upstreamState: 'approved' })
    expect(items.get(rejected.fileId)).toMatchObject({
      state: 'sent',
      upstreamState: 'rejected',
      upstreamReason: 'Ảnh mờ / Portrait is blurred',
    })
    expect(core.queue.status().counts).toMatchObject({ approved: 1, rejected: 1, sent: 2 })
    const actions = core.audit.recent(50).map((e) => `${e.action}:${e.subject ?? ''}`)
    expect(actions).toContain(`file.approved:${approved.fileId}`)
    expect(actions).toContain(`file.rejected:${rejected.fileId}`)
    expect(actions).toContain(`file.sent:${approved.fileId}`)

    // A third pass finds nothing new: the status cursor moved on.
    expect((await core.queue.sync.runPass()).statusUpdates).toBe(0)
    expect(await upstream.stats()).toMatchObject({ received: 2, approved: 1, rejected: 1 })
  })
})
