import { randomBytes } from 'node:crypto'
import { createSimPki, createSimulatedCardService } from '../../../drivers/smartcard'
import type { ApprovalException, Person } from '../../contract'
import type { PacketPartInput } from '../../../protocol/packet'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { createAuditLog } from '../audit'
import { toCardReadResult, type ChipRead } from '../card'
import { openLocal, sealLocal } from '../keys'
import type { SubmitInput, SubmitResult } from '../queue'
import { createDraftRepository } from '../store'
import { databaseAtVersion } from '../store/test-helpers'
import { contractRules } from './contract-rules'
import { createEnrollmentService, type EnrollmentServiceDeps } from './enrollment-service'
import type { FingerTake, PortraitTake } from './transitions'

// Test fixtures of the enrollment state machine: a real chip read of the virtual CCCD, and
// stand-ins for the portrait and fingerprint steps' results (their own suites test those).

export const TODAY = new Date('2026-12-03T03:00:00Z')

/** Reads the virtual CCCD of `citizenSeed` through the simulated reader, as card.read would. */
export async function readVirtualCccd(citizenSeed: string): Promise<ChipRead> {
  const pki = createSimPki({ now: TODAY })
  const service = createSimulatedCardService({
    pki,
    now: () => TODAY,
    randomBytes: (n) => new Uint8Array(randomBytes(n)),
  })
  const card = await service.insert({ citizenSeed })
  const outcome = await service.read({
    key: { kind: 'CAN', can: card.simulated.content.accessKeys.can.can },
  })
  await service.close()
  return { result: await toCardReadResult(outcome), files: outcome.document.files }
}

const binary = (name: string, kind: PacketPartInput['kind'], bytes: number[]): PacketPartInput => ({
  name,
  kind,
  mediaType: 'application/octet-stream',
  data: Buffer.from(bytes),
})

export const PORTRAIT: PortraitTake = {
  parts: [binary('portrait', 'portrait', [0x46, 0x41, 0x43, 0x00])],
  view: {
    tokenDataUrl: 'data:image/jpeg;base64,/9j/',
    capture: 'auto',
    match: { verdict: 'match', score: 0.9, threshold: 0.5 },
  },
}

export function fingers(missing = 0): FingerTake {
  const names = Array.from({ length: 10 }, (_, i) => `finger-${i}`)
  return {
    parts: names.slice(missing).map((n) => binary(`finger/${n}`, 'finger', [0x46, 0x49, 0x52, 0])),
    missing: names.slice(0, missing).map((finger) => ({ finger, reason: 'amputated' })),
  }
}

export function person(overrides: Partial<Person> = {}): Person {
  return {
    fullName: 'Nguyễn Văn An',
    idNumber: '001090012345',
    dateOfBirth: '1990-05-17',
    sex: 'M',
    nationality: 'vn',
    placeOfResidence: null,
    ...overrides,
  }
}

/** The service over a fresh database, with this window's device results set by the test. */
export function serviceUnderTest(devices: {
  chipRead?: ChipRead | null
  portrait?: PortraitTake | null
  fingers?: FingerTake | null
}) {
  const db = databaseAtVersion()
  const key = seededRandom('local-key')(32)
  const drafts = createDraftRepository(
    db,
    {
      seal: (plain, draftId) => sealLocal(key, plain, draftId, seededRandom(draftId)),
      open: (sealed, draftId) => openLocal(key, sealed, draftId),
    },
    () => TODAY,
  )
  const audit = createAuditLog(db, () => TODAY)
  const submitted: SubmitInput[] = []
  const approvals = new Set<ApprovalException>()
  const forgotten: string[] = []
  let id = 0
  const deps: EnrollmentServiceDeps = {
    drafts,
    audit,
    rules: contractRules,
    appVersion: 'test',
    now: () => TODAY,
    randomId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
    chipRead: () => devices.chipRead ?? null,
    portrait: () => devices.portrait ?? null,
    fingers: () => Promise.resolve(devices.fingers ?? null),
    approved: () => approvals,
    submit: (input): SubmitResult => {
      submitted.push(input)
      return {
        fileId: '11111111-1111-4111-8111-111111111111',
        sha256: '0'.repeat(64),
        size: 1,
        submittedAt: TODAY.toISOString(),
      }
    },
    simulated: () => true,
    forgetCitizen: (connectionId) => forgotten.push(connectionId),
  }
  const actor = { officerId: 'officer-1', connectionId: 'window-1' }
  return {
    service: createEnrollmentService(deps),
    deps,
    db,
    drafts,
    audit,
    actor,
    submitted,
    approvals,
    forgotten,
    devices,
  }
}
