import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSimPki, type SimPki } from '../../drivers/smartcard/pki/sim-pki'
import { runCli } from '../../electron/cli/main'
import type { CliIo } from '../../electron/cli/output'
import { createCore, type Core } from '../../electron/core'
import { PLACEHOLDER_MARKER } from '../../electron/core/queue'
import {
  createSimulatedEnrollmentSource,
  type SimulatedEnrollmentOptions,
} from '../../electron/core/queue/sim-enrollment-source'
import { TRAINING_UPSTREAM_DIR_NAME } from '../../upstream/training'
import { tempKioskConfig } from '../../electron/core/test-support'
import { openUpstream, startUpstream, type ListeningUpstream } from '../../upstream/server'
import { mrzNameOf } from '../../upstream/server/intake/file-content'
import { useTestUpstreamDatabases } from '../support/upstream-backend'

const databases = useTestUpstreamDatabases()

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function cli(argv: string[], dataDir: string) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) }
  const code = await runCli([...argv, '--data-dir', dataDir], {
    io,
    env: {},
    stopSignal: new Promise<void>(() => {}),
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** A station syncing to its own upstream whose trust directory holds `trust` (PEM). */
async function station(trust: readonly string[]) {
  const upstreamDir = tempDir('pa-upstream-')
  mkdirSync(join(upstreamDir, 'trust'))
  trust.forEach((pem, i) => writeFileSync(join(upstreamDir, 'trust', `csca-${i}.pem`), pem))
  // Simulated files: approvable on a training upstream only.
  const upstream: ListeningUpstream = await startUpstream({
    dataDir: upstreamDir,
    training: true,
    ...(await databases.next()),
  })
  cleanups.push(() => upstream.close())
  const kiosk = tempKioskConfig({ upstreamUrl: upstream.url, sync: { deadLetterAfter: 1 } })
  cleanups.push(kiosk.cleanup)
  const core: Core = await createCore(kiosk.config, { shell: 'cli' })
  cleanups.push(() => core.close())
  await core.queue.register(await upstream.registrationCode())
  return { upstream, core }
}

function source(pki: SimPki, options: Partial<SimulatedEnrollmentOptions> = {}) {
  return createSimulatedEnrollmentSource({
    pki,
    now: () => new Date(),
    randomBytes,
    portraitBytes: 4096,
    documentBytes: 4096,
    ...options,
  })
}

describe('simulated enrollments: real chip data, verified again upstream', () => {
  it('sim enroll → sync → training upstream: the chip data of every file is valid', async () => {
    const dataDir = tempDir('pa-station-')
    const enrolled = await cli(['sim', 'enroll', '--count', '2', '--json'], dataDir)
    expect(enrolled.err).toContain('"training-officer"')
    expect(enrolled.code).toBe(0)
    const { submitted } = JSON.parse(enrolled.out) as { submitted: string[] }
    expect(submitted).toHaveLength(2)
    const synced = await cli(['sync', 'run', '--until-empty'], dataDir)
    expect(synced.out).toMatch(/2 sent, 0 failed/)

    const upstream = await openUpstream({ dataDir: join(dataDir, TRAINING_UPSTREAM_DIR_NAME) })
    cleanups.push(() => upstream.close())
    expect(
      (await upstream.review.list({ state: 'received', limit: 10 })).map((f) => f.chipVerdict),
    ).toEqual(['valid', 'valid'])
    for (const fileId of submitted) {
      const detail = await upstream.review.detail(fileId)
      expect(detail.passiveAuthentication).toMatchObject({ verdict: 'valid', reason: null })
      expect(detail.passiveAuthentication.csca).toMatch(/simulator-csca\.pem/)
      expect(detail.passiveAuthentication.dataGroups.map((g) => [g.number, g.status])).toEqual([
        [1, 'match'],
        [2, 'match'],
        [13, 'match'],
        [14, 'match'],
        [15, 'match'],
      ])
      // The name comes from the chip's DG13, with its diacritics: the MRZ's capitals, accented.
      const mrzName = mrzNameOf(await upstream.intake.open(fileId))
      expect(mrzName).toMatch(/^[A-Z]+( [A-Z]+)+$/)
      expect(detail.citizenName).not.toBe(mrzName)
      expect(withoutDiacritics(detail.citizenName ?? '').toUpperCase()).toBe(mrzName)
      const placeholders = detail.parts.filter((p) => p.placeholder).map((p) => p.name)
      // The portrait is real now (19794-5 record + assessment); only the document scan is filler.
      expect(placeholders).toEqual(['document/0'])
      expect(detail.parts.map((p) => p.name)).toEqual(
        expect.arrayContaining(['portrait', 'portrait/assessment']),
      )
      expect(detail.parts.filter((p) => p.kind === 'finger')).toHaveLength(10)
      const finger = await upstream.review.part(fileId, 'finger/right-thumb')
      expect(finger.data.subarray(0, 4).toString('latin1')).toBe('FIR\0')
      const portrait = await upstream.review.part(fileId, 'portrait')
      // An ISO/IEC 19794-5:2011 face record ("FAC\0" "030\0"), not filler.
      expect(portrait.data.subarray(0, 8).toString('latin1')).toBe('FAC\x00030\x00')
      const document = await upstream.review.part(fileId, 'document/0')
      expect(document.data.subarray(0, PLACEHOLDER_MARKER.length).toString()).toBe(
        PLACEHOLDER_MARKER,
      )
    }
  })

  it('chip data altered after signing is refused with the DG named, and dead-lettered', async () => {
    const pki = createSimPki({ now: new Date() })
    const { core, upstream } = await station([pki.csca.certificatePem])
    // A forged chip: DG2 changed after EF.SOD was signed (the kiosk's own read says so too).
    const forged = await source(pki, { scenario: 'tampered-dg2' }).enrollment('pa-forged')
    expect(forged.passiveAuth.verdict).toBe('invalid')
    // A genuine read whose DG13 was changed on its way into the file.
    const genuine = await source(pki).enrollment('pa-altered')
    expect(genuine.passiveAuth.verdict).toBe('valid')
    const altered = genuine.parts.map((p) => {
      if (p.name !== 'chip/DG13') return p
      const data = Buffer.from(p.data)
      data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0x01
      return { ...p, data }
    })
    const submit = (parts: typeof altered) =>
      core.submit({
        officerId: 'officer-7',
        startedAt: new Date().toISOString(),
        parts,
        simulated: true,
      })
    const first = submit(forged.parts)
    const second = submit(altered)

    const pass = await core.queue.sync.runPass()
    expect(pass).toMatchObject({ sent: 0, dead: 2 })
    const entries = new Map(core.queue.list().map((i) => [i.fileId, i]))
    expect(entries.get(first.fileId)?.state).toBe('dead')
    expect(core.queue.repository.get(first.fileId)?.deadReason).toMatch(
      /Chip data failed passive authentication: .*DG2 was altered/,
    )
    expect(core.queue.repository.get(second.fileId)?.deadReason).toMatch(/DG13 was altered/)
    expect((await upstream.stats()).received).toBe(0)
    const audit = core.audit.recent(20).filter((e) => e.action === 'file.dead-lettered')
    expect(audit.map((e) => e.details)).toContainEqual({ code: 'chip_data_invalid' })
  })

  it('chip data from a CSCA the upstream does not hold is received as untrusted', async () => {
    const pki = createSimPki({ now: new Date() })
    const { core, upstream } = await station([])
    const enrollment = await source(pki).enrollment('pa-untrusted')
    const file = core.submit({
      officerId: 'officer-7',
      startedAt: new Date().toISOString(),
      parts: enrollment.parts,
      simulated: true,
    })
    expect(await core.queue.sync.runPass()).toMatchObject({ sent: 1, dead: 0 })
    const detail = await upstream.review.detail(file.fileId)
    expect(detail.chipVerdict).toBe('untrusted')
    expect(detail.passiveAuthentication).toMatchObject({
      verdict: 'untrusted',
      failedCheck: 'certificateChain',
      csca: null,
    })
    expect(detail.passiveAuthentication.reason).toMatch(/No trusted CSCA/)
    // The reviewer decides: untrusted is information, not a refusal.
    await upstream.review.approve(file.fileId, {
      id: 'reviewer-1',
      name: 'Lê Thị Hoa',
      role: 'senior' as const,
    })
    await core.queue.sync.runPass()
    expect(core.queue.list()[0]).toMatchObject({ state: 'sent', upstreamState: 'approved' })
  })
})

/** "Dương Đình Bình" → "Duong Dinh Binh", as the MRZ spells it (ICAO 9303-3 transliteration). */
function withoutDiacritics(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/Đ/g, 'D').replace(/đ/g, 'd')
}
