import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAuditLog } from '../audit'
import {
  generateUpstreamKeyPair,
  openPacket,
  PacketError,
  publicKeyToBase64,
  type KeyPair,
} from '../../../protocol/packet'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { createQueueRepository, type TerminalRegistration } from '../store'
import { databaseAtVersion } from '../store/test-helpers'
import { loadStationKeys, fileKeyProtector } from '../keys'
import type { FreezeReason } from './freeze'
import { createOutbox } from './outbox'
import { PLACEHOLDER_MARKER, syntheticEnrollmentParts } from './sim-enrollment'
import { createSubmitter, SubmitRefusedError } from './submit'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function registrationFor(
  upstream: KeyPair,
  signing: KeyPair,
  terminal: KeyPair,
): TerminalRegistration {
  return {
    terminalId: 'station-1',
    keyId: terminal.keyId,
    upstreamId: 'upstream-test',
    upstreamUrl: null,
    encryptionKeyId: upstream.keyId,
    encryptionPublicKey: publicKeyToBase64(upstream.publicKey),
    signingKeyId: signing.keyId,
    signingPublicKey: publicKeyToBase64(signing.publicKey),
    registeredAt: '2026-11-26T07:00:00.000Z',
  }
}

function setup(options: { freeze?: FreezeReason | null } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'submit-'))
  dirs.push(dir)
  const random = seededRandom('submit')
  const keys = loadStationKeys(dir, fileKeyProtector, random)
  const upstream = generateUpstreamKeyPair(seededRandom('upstream'))
  const signing = generateUpstreamKeyPair(seededRandom('signing'))
  const db = databaseAtVersion()
  const queue = createQueueRepository(db)
  const audit = createAuditLog(db, () => new Date('2026-11-26T08:00:00Z'))
  const outbox = createOutbox(join(dir, 'outbox'))
  let n = 0
  const submit = createSubmitter({
    db,
    queue,
    audit,
    outbox,
    terminal: keys.terminal,
    stationId: 'station-1',
    software: { name: 'test', version: '1' },
    registration: () => registrationFor(upstream, signing, keys.terminal),
    freeze: () => options.freeze ?? null,
    now: () => new Date('2026-11-26T08:09:00Z'),
    randomBytes: random,
    randomId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  })
  return { db, queue, audit, outbox, submit, keys, upstream }
}

const input = () => ({
  officerId: 'officer-7',
  startedAt: '2026-11-26T08:00:00.000Z',
  parts: syntheticEnrollmentParts(seededRandom('parts'), 16 * 1024),
  simulated: true,
})

describe('submit', () => {
  it('puts the supervisor approvals into the signed manifest', () => {
    const { submit, outbox, upstream, keys } = setup()
    const approval = {
      approvalId: '11111111-2222-4333-8444-555555555555',
      supervisorId: 'supervisor-3',
      exception: 'chip-not-valid' as const,
      reason: 'Chip hỏng, đã đối chiếu thẻ',
      at: '2026-11-26T08:05:00.000Z',
    }
    const result = submit({ ...input(), approvals: [approval] })
    const opened = openPacket(
      readFileSync(outbox.pathOf(result.fileId)),
      upstream.privateKey,
      keys.terminal.publicKey,
    )
    expect(opened.signatureVerified).toBe(true)
    expect(opened.manifest.approvals).toEqual([approval])
    const without = submit(input())
    const plain = openPacket(readFileSync(outbox.pathOf(without.fileId)), upstream.privateKey)
    expect(plain.manifest).not.toHaveProperty('approvals')
  })

  it('writes the encrypted body, the queue row and the audit entry together', () => {
    const { submit, queue, audit, outbox, upstream, keys } = setup()
    const result = submit(input())
    expect(queue.get(result.fileId)).toMatchObject({
      state: 'queued',
      sha256: result.sha256,
      size: result.size,
      upstreamKeyId: upstream.keyId,
      officerId: 'officer-7',
      simulated: true,
    })
    expect(audit.recent(1)[0]).toMatchObject({
      actor: 'officer-7',
      action: 'file.submitted',
      subject: result.fileId,
      details: {
        size: result.size,
        sha256: result.sha256,
        parts: input().parts.length,
        simulated: true,
      },
    })
    const body = readFileSync(outbox.pathOf(result.fileId))
    expect(outbox.digest(result.fileId)).toEqual({ sha256: result.sha256, size: result.size })

    // Only the upstream can open it, and it carries the terminal's signature.
    const opened = openPacket(body, upstream.privateKey, keys.terminal.publicKey)
    expect(opened.manifest).toMatchObject({
      fileId: result.fileId,
      officerId: 'officer-7',
      stationId: 'station-1',
      simulated: true,
      times: { submittedAt: '2026-11-26T08:09:00.000Z' },
    })
    const portrait = opened.parts.find((p) => p.entry.name === 'portrait')!
    expect(portrait.entry.placeholder).toBe(true)
    expect(portrait.data.subarray(0, PLACEHOLDER_MARKER.length).toString()).toBe(PLACEHOLDER_MARKER)
    expect(opened.parts.find((p) => p.entry.kind === 'consent')?.entry.placeholder).toBe(false)
  })

  it('leaves the kiosk no way to read a submitted file back', () => {
    const { submit, outbox, keys } = setup()
    const body = readFileSync(outbox.pathOf(submit(input()).fileId))
    expect(body.includes(Buffer.from('"phone"'))).toBe(false)
    // Neither key the station holds opens it.
    expect(() => openPacket(body, keys.terminal.privateKey)).toThrow(PacketError)
    const localAsX25519 = generateUpstreamKeyPair(() => Buffer.from(keys.localKey))
    expect(() => openPacket(body, localAsX25519.privateKey)).toThrow(/wrong-recipient/)
  })

  it('refuses with the freeze reason and writes nothing', () => {
    const reason: FreezeReason = { code: 'disk-low', message: 'Ổ đĩa sắp đầy / Disk space is low' }
    const { submit, queue, outbox } = setup({ freeze: reason })
    expect(() => submit(input())).toThrow(SubmitRefusedError)
    expect(() => submit(input())).toThrow(/Disk space is low/)
    expect(queue.summary().total).toBe(0)
    expect(readdirSync(outbox.dir)).toEqual([])
  })

  it('removes the body when the queue row cannot commit', () => {
    const { submit, db, outbox, queue } = setup()
    db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON queue BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
    )
    expect(() => submit(input())).toThrow(/disk full/)
    expect(readdirSync(outbox.dir)).toEqual([])
    expect(queue.summary().total).toBe(0)
    expect(existsSync(outbox.dir)).toBe(true)
  })
})
