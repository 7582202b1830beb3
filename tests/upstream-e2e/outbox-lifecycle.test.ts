import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../electron/core'
import type { SyncSettings } from '../../electron/core/config'
import { publicKeyFromBase64, publicKeyToBase64 } from '../../protocol/packet'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { tempKioskConfig } from '../../electron/core/test-support'
import {
  EXPORT_FILES_DIR,
  EXPORT_MANIFEST_FILE,
  EXPORT_SIGNATURE_FILE,
  ExportManifestSchema,
  exportFileName,
  verifyBytes,
} from '../../protocol'
import { importExportMedia, startUpstream, type ListeningUpstream } from '../../upstream/server'
import { parse } from '../../lib/schema'
import { useTestUpstreamDatabases } from '../support/upstream-backend'

const databases = useTestUpstreamDatabases()

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function tempDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function station(sync: Partial<SyncSettings> = {}) {
  const upstream: ListeningUpstream = await startUpstream({
    dataDir: tempDir('life-upstream-'),
    ...(await databases.next()),
  })
  cleanups.push(() => upstream.close())
  const kiosk = tempKioskConfig({ upstreamUrl: upstream.url, sync })
  cleanups.push(kiosk.cleanup)
  const core: Core = await createCore(kiosk.config, { shell: 'cli' })
  cleanups.push(() => core.close())
  await core.queue.register(await upstream.registrationCode())
  const submit = () =>
    core.submit({
      officerId: 'officer-7',
      startedAt: new Date().toISOString(),
      parts: syntheticEnrollmentParts(randomBytes, 8 * 1024),
      simulated: true,
    })
  return { upstream, core, submit, dataDir: kiosk.config.dataDir }
}

describe('outbox lifecycle', () => {
  it('deletes bodies after the retention period and keeps the receipts', async () => {
    const { core, submit } = await station({ retentionDays: 0 })
    const file = submit()
    const path = core.queue.outbox.pathOf(file.fileId)
    expect(existsSync(path)).toBe(true)
    const pass = await core.queue.sync.runPass()
    expect(pass.sent).toBe(1)
    expect(pass.bodiesDeleted).toBe(1)
    expect(existsSync(path)).toBe(false)
    expect(core.queue.repository.get(file.fileId)?.bodyDeletedAt).not.toBeNull()
    expect(core.queue.receipts.get(file.fileId)?.sha256).toBe(file.sha256)
    expect(core.queue.status().bytesOnDisk).toBe(0)
  })

  it('keeps bodies while the retention period runs', async () => {
    const { core, submit } = await station({ retentionDays: 30 })
    const file = submit()
    expect((await core.queue.sync.runPass()).bodiesDeleted).toBe(0)
    expect(existsSync(core.queue.outbox.pathOf(file.fileId))).toBe(true)
  })

  it('dead-letters a body damaged on the station at once, and an officer can requeue it', async () => {
    const { core, submit, upstream } = await station()
    const file = submit()
    const path = core.queue.outbox.pathOf(file.fileId)
    const body = readFileSync(path)
    body[body.length - 5] = (body[body.length - 5] ?? 0) ^ 0xff
    writeFileSync(path, body)
    const pass = await core.queue.sync.runPass()
    expect(pass.dead).toBe(1)
    expect(core.queue.repository.get(file.fileId)).toMatchObject({
      state: 'dead',
      deadReason: expect.stringMatching(/damaged/),
    })
    expect(await upstream.ctx.repos.files.get(file.fileId)).toBeUndefined()
    expect(core.queue.sync.retry(file.fileId, 'supervisor-1')).toBe(true)
    expect(core.queue.repository.get(file.fileId)?.state).toBe('queued')
    expect(core.audit.recent(1)[0]).toMatchObject({
      action: 'file.requeued',
      actor: 'supervisor-1',
    })
    expect(core.queue.sync.retry(file.fileId, 'supervisor-1')).toBe(false)
  })

  it('exports queued files with a signed manifest, and learns of their import on the next sync', async () => {
    const { core, submit, upstream } = await station()
    const files = [submit(), submit(), submit()]
    const media = tempDir('life-media-')
    const result = core.queue.exportTo(media)
    expect(result.files).toBe(3)
    expect(readdirSync(media)).toHaveLength(1)

    const manifestBytes = readFileSync(join(result.dir, EXPORT_MANIFEST_FILE))
    const manifest = parse(ExportManifestSchema, JSON.parse(manifestBytes.toString('utf8')))
    expect(manifest.files.map((f) => f.fileId).sort()).toEqual(files.map((f) => f.fileId).sort())
    const terminalKey = publicKeyFromBase64(publicKeyToBase64(core.keys.terminal.publicKey))
    const signature = readFileSync(join(result.dir, EXPORT_SIGNATURE_FILE), 'utf8').trim()
    expect(verifyBytes(manifestBytes, signature, terminalKey)).toBe(true)
    for (const file of files)
      expect(
        readFileSync(join(result.dir, EXPORT_FILES_DIR, exportFileName(file.fileId))).equals(
          readFileSync(core.queue.outbox.pathOf(file.fileId)),
        ),
      ).toBe(true)

    const report = await importExportMedia(upstream, result.dir)
    expect(report.received.sort()).toEqual(files.map((f) => f.fileId).sort())
    expect(core.queue.status().counts.queued).toBe(3)

    const pass = await core.queue.sync.runPass()
    expect(pass.sent).toBe(3)
    for (const file of files) expect(core.queue.receipts.get(file.fileId)).toBeDefined()
    expect((await upstream.stats()).received).toBe(3)
  })
})
