import { describe, expect, it } from 'vitest'
import { FINGER_NAMES } from '../../../drivers/fingerprint/finger-image'
import {
  FINGER_IMAGE_COMPRESSION,
  readFingerImageRecord,
} from '../../../drivers/fingerprint/records'
import { passiveAuthentication } from '../../../drivers/smartcard/icao9303/pa/passive-authentication'
import { createSimPki } from '../../../drivers/smartcard/pki/sim-pki'
import { createTrustStore, withAnchors } from '../../../drivers/smartcard/pki/trust-store'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import type { PacketPartInput } from '../../../protocol/packet'
import { parse } from '../../../lib/schema'
import { readFaceRecord } from '../../../drivers/camera'
import { TRAINING_FACE_SEED } from '../../../drivers/smartcard'
import {
  ConsentRecordSchema,
  EnrollmentRecordSchema,
  PortraitAssessmentPartSchema,
} from '../../../protocol/packet'
import { createSimulatedEnrollmentSource } from './sim-enrollment-source'
import { PLACEHOLDER_MARKER } from './sim-enrollment'

const now = () => new Date('2026-11-26T08:00:00.000Z')
const pki = createSimPki({ now: now() })
const trust = withAnchors(createTrustStore([]), [pki.csca.certificateDer], 'test CSCA')
const source = createSimulatedEnrollmentSource({
  pki,
  now,
  randomBytes: seededRandom('sim-enrollment-source'),
  portraitBytes: 5000,
  documentBytes: 3000,
})

const part = (parts: readonly PacketPartInput[], name: string) => {
  const found = parts.find((p) => p.name === name)
  if (!found) throw new Error(`no part ${name}`)
  return found
}

const assessmentOf = (parts: readonly PacketPartInput[]) =>
  parse(
    PortraitAssessmentPartSchema,
    JSON.parse(Buffer.from(part(parts, 'portrait/assessment').data).toString('utf8')),
  )

/** Passive authentication of the parts alone, as an upstream would run it. */
function verify(parts: readonly PacketPartInput[]) {
  const dataGroups = new Map<number, Uint8Array>()
  for (const p of parts) {
    const number = /^chip\/DG(\d+)$/.exec(p.name)?.[1]
    if (number) dataGroups.set(Number(number), p.data)
  }
  return passiveAuthentication({
    sod: part(parts, 'chip/EF.SOD').data,
    dataGroups,
    trust,
    now: now(),
  })
}

describe('simulated enrollments through the device code', () => {
  it('records what the desk established: the chip identity, its eligibility and the consent', async () => {
    const { parts, citizen } = await source.enrollment('source-test-desk')
    const json = (name: string): unknown =>
      JSON.parse(Buffer.from(part(parts, name).data).toString('utf8'))
    const record = parse(EnrollmentRecordSchema, json('enrollment'))
    expect(record.identity).toMatchObject({
      source: 'chip',
      document: 'cccd',
      fullName: citizen.fullName,
      idNumber: citizen.idNumber,
      dateOfBirth: citizen.dateOfBirth,
      sex: citizen.sex,
      mismatches: [],
    })
    // Decided on the Vietnamese date of `now`, by the contract's Art. 7 rule.
    expect(record.eligibility.on).toBe('2026-11-26')
    const born = citizen.dateOfBirth.split('-').map(Number)
    const years = 2026 - born[0]! - (born[1]! * 100 + born[2]! > 1126 ? 1 : 0)
    expect(record.eligibility.age).toBe(years)
    if (years >= 14) expect(record.eligibility.level2).toBe('granted')
    const consent = parse(ConsentRecordSchema, json('consent'))
    expect(consent).toMatchObject({ language: 'vi', acceptedAt: '2026-11-26T08:00:00.000Z' })
    expect(consent.purposes).toContain('level2Account')
    expect(consent.textSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('puts the chip as read, ten real finger records and marked placeholders in the file', async () => {
    const { parts, citizen, passiveAuth } = await source.enrollment('source-test-1')
    expect(passiveAuth.verdict).toBe('valid')
    expect(parts.map((p) => p.name)).toEqual([
      'chip/EF.SOD',
      'chip/DG1',
      'chip/DG2',
      'chip/DG13',
      'chip/DG14',
      'chip/DG15',
      'portrait',
      'portrait/assessment',
      ...FINGER_NAMES.map((f) => `finger/${f}`),
      'document/0',
      'contact',
      'enrollment',
      'consent',
    ])
    expect(parts.filter((p) => p.placeholder).map((p) => p.name)).toEqual(['document/0'])
    for (const p of parts.filter((p) => p.placeholder))
      expect(Buffer.from(p.data.subarray(0, PLACEHOLDER_MARKER.length)).toString()).toBe(
        PLACEHOLDER_MARKER,
      )
    const record = readFaceRecord(part(parts, 'portrait').data)
    expect(record.representations[0]?.image).toMatchObject({ width: 480, height: 640 })
    // A drawn DG2 face: the detector finds none, and the file says so.
    const assessment = assessmentOf(parts)
    expect(['no-face-in-chip-photo', 'mismatch']).toContain(assessment.match.verdict)

    const again = verify(parts)
    expect(again.verdict).toBe('valid')
    expect(again.checks.dataGroupHashes.every((g) => g.status === 'match')).toBe(true)
    // DG1 holds this citizen's MRZ, DG13 their ID number.
    expect(Buffer.from(part(parts, 'chip/DG1').data).toString('latin1')).toContain(
      citizen.idNumber.slice(3),
    )
    expect(Buffer.from(part(parts, 'chip/DG13').data).toString('utf8')).toContain(citizen.idNumber)

    for (const finger of FINGER_NAMES) {
      const { record, images } = await readFingerImageRecord(part(parts, `finger/${finger}`).data)
      expect(images.map((i) => i.finger)).toEqual([finger])
      expect(record.representations[0]?.compression).toBe(FINGER_IMAGE_COMPRESSION.png)
      expect(images[0]?.image).toMatchObject({ width: 400, height: 500, ppi: 500 })
    }
  })

  it("matches the training citizen's portrait with its chip photo", async () => {
    const { parts } = await source.enrollment(TRAINING_FACE_SEED)
    const { match, capture, software } = assessmentOf(parts)
    expect(match.verdict).toBe('match')
    expect(match.score).toBeGreaterThan(0.9)
    expect(capture).toBe('auto')
    expect(software.analysis).toBe('human 3.3.6 wasm')
  })

  it('gives each seed its own citizen and chip, and the same seed the same citizen', async () => {
    const a = await source.enrollment('source-test-2')
    const b = await source.enrollment('source-test-3')
    const a2 = await source.enrollment('source-test-2')
    expect(a.citizen.idNumber).not.toBe(b.citizen.idNumber)
    expect(part(a.parts, 'chip/DG1').data).not.toEqual(part(b.parts, 'chip/DG1').data)
    expect(part(a2.parts, 'chip/DG1').data).toEqual(part(a.parts, 'chip/DG1').data)
    expect(part(a2.parts, 'chip/DG13').data).toEqual(part(a.parts, 'chip/DG13').data)
  })

  it('keeps what a scenario does to the chip: a forged DG2 is invalid, a foreign CSCA untrusted', async () => {
    const forged = await createSimulatedEnrollmentSource({
      pki,
      now,
      randomBytes: seededRandom('forged'),
      scenario: 'tampered-dg2',
    }).enrollment('source-test-4')
    expect(forged.passiveAuth.verdict).toBe('invalid')
    expect(verify(forged.parts).checks.dataGroupHashes).toContainEqual({
      number: 2,
      status: 'mismatch',
    })
    const foreign = await createSimulatedEnrollmentSource({
      pki,
      now,
      randomBytes: seededRandom('foreign'),
      scenario: 'unknown-csca',
    }).enrollment('source-test-5')
    expect(foreign.passiveAuth.verdict).toBe('untrusted')
    expect(verify(foreign.parts).verdict).toBe('untrusted')
  })

  it('reads a BAC-only chip with its MRZ key', async () => {
    const bac = await createSimulatedEnrollmentSource({
      pki,
      now,
      randomBytes: seededRandom('bac'),
      scenario: 'bac-only',
    }).enrollment('source-test-6')
    expect(bac.passiveAuth.verdict).toBe('valid')
  })
})
