import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { EXIT } from '../../electron/cli/exit-codes'
import { runKioskBin } from '../../electron/cli/run-bin'
import { createCore, DATABASE_FILE_NAME } from '../../electron/core'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { tempKioskConfig } from '../../electron/core/test-support'
import { readUpstreamStats, startUpstream } from '../../upstream/server'
import { useTestUpstreamDatabases } from '../support/upstream-backend'

const databases = useTestUpstreamDatabases()

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function auditVerify(dataDir: string) {
  const result = await runKioskBin(['audit', 'verify', '--json', '--data-dir', dataDir])
  return { code: result.code, stderr: result.stderr, verdict: JSON.parse(result.stdout) as unknown }
}

describe('audit checkpoints over a real sync', () => {
  it('ships a checkpoint, keeps the signed ack, and catches a later truncation through the bin', async () => {
    const upstreamDir = mkdtempSync(join(tmpdir(), 'e2e-upstream-'))
    const database = await databases.next()
    const upstream = await startUpstream({ dataDir: upstreamDir, ...database })
    cleanups.push(() => rmSync(upstreamDir, { recursive: true, force: true }))
    cleanups.push(() => upstream.close())
    const kiosk = tempKioskConfig({ upstreamUrl: upstream.url, audit: { checkpointEvery: 5 } })
    cleanups.push(kiosk.cleanup)
    const core = await createCore(kiosk.config, { shell: 'cli' })
    await core.queue.register(await upstream.registrationCode())
    core.submit({
      officerId: 'officer-7',
      startedAt: new Date().toISOString(),
      parts: syntheticEnrollmentParts(randomBytes, 4 * 1024),
      simulated: true,
    })
    for (let i = 0; i < 5; i++) core.audit.append({ actor: 'officer-7', action: 'test.step' })
    expect(await core.queue.sync.runPass()).toMatchObject({ sent: 1, stoppedBecause: null })
    await core.close()

    const shipped = await auditVerify(kiosk.config.dataDir)
    expect(shipped.code, shipped.stderr).toBe(EXIT.OK)
    expect(shipped.verdict).toMatchObject({ intact: true, acknowledgedSeq: expect.any(Number) })
    const acknowledged = (shipped.verdict as { acknowledgedSeq: number }).acknowledgedSeq
    expect(acknowledged).toBeGreaterThanOrEqual(5)
    expect(await readUpstreamStats(upstreamDir, database)).toMatchObject({
      received: 1,
      auditFlags: 0,
    })

    // The attacker cuts the log back before the acknowledged entry, and the checkpoints with it.
    const db = new Database(join(kiosk.config.dataDir, DATABASE_FILE_NAME))
    db.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoint_no_delete')
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(acknowledged - 1)
    db.exec('DELETE FROM audit_checkpoint')
    db.close()

    const cut = await auditVerify(kiosk.config.dataDir)
    expect(cut.code, cut.stderr).toBe(EXIT.VERIFICATION_FAILED)
    expect(cut.verdict).toMatchObject({
      intact: false,
      checkpoints: 0,
      acknowledgedSeq: acknowledged,
      fault: { kind: 'truncated', seq: acknowledged - 1 },
    })
  })
})
