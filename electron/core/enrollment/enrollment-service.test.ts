import { beforeAll, describe, expect, it } from 'vitest'
import { KioskError, type EnrollmentIntent, type EnrollmentView } from '../../contract'
import { EnrollmentRecordSchema, ConsentRecordSchema } from '../../../protocol/packet'
import { parse } from '../../../lib/schema'
import type { ChipRead } from '../card'
import { fingers, person, PORTRAIT, readVirtualCccd, serviceUnderTest } from './enrollment-fixtures'
import { createEnrollmentService } from './enrollment-service'

let chipRead: ChipRead
beforeAll(async () => {
  chipRead = await readVirtualCccd('enrollment-test')
})

type Setup = ReturnType<typeof serviceUnderTest>

function send(setup: Setup, intent: EnrollmentIntent): Promise<EnrollmentView> {
  return setup.service.intent(setup.actor, intent)
}

async function refusal(run: () => unknown): Promise<KioskError> {
  try {
    await run()
  } catch (error) {
    if (error instanceof KioskError) return error
    throw error
  }
  throw new Error('expected a KioskError')
}

/** From a fresh start to the review, on the chip of the virtual CCCD. */
async function toReview(setup: Setup): Promise<EnrollmentView> {
  setup.service.start(setup.actor, null)
  await send(setup, { type: 'identify.chip' })
  expect((await send(setup, { type: 'identify.confirm' })).step).toBe('eligibility')
  expect((await send(setup, { type: 'eligibility.confirm' })).step).toBe('contact')
  expect((await send(setup, { type: 'contact.set', phone: '091 234 5678' })).step).toBe('documents')
  await send(setup, { type: 'documents.set', healthInsurance: '0123456789' })
  expect((await send(setup, { type: 'portrait.use' })).step).toBe('fingerprints')
  return await send(setup, { type: 'fingerprints.done' })
}

describe('the enrollment state machine', async () => {
  it('walks an adult from the chip read to the receipt and files every part', async () => {
    const setup = serviceUnderTest({ chipRead, portrait: PORTRAIT, fingers: fingers() })
    const review = await toReview(setup)
    expect(review.step).toBe('review')
    expect(review.identity?.source).toBe('chip')
    expect(review.identity?.chip?.passiveAuth).toBe('valid')
    expect(review.eligibility).toMatchObject({ level1: 'granted', level2: 'granted' })
    expect(review.contact).toMatchObject({ phone: '+84912345678', email: null })
    expect(review.exceptions).toEqual([])

    expect((await refusal(() => send(setup, { type: 'submit' }))).code).toBe('E_ENROLLMENT_INPUT')
    const consented = await send(setup, {
      type: 'consent.accept',
      language: 'vi',
      purposes: ['level2Account', 'documentIntegration'],
    })
    expect(consented.consent?.textSha256).toMatch(/^[0-9a-f]{64}$/)
    const receipt = await send(setup, { type: 'submit' })
    expect(receipt).toMatchObject({ step: 'receipt', phase: 'submitted', identity: null })
    expect(receipt.receipt?.fullName).toBe(review.identity?.person.fullName)

    const [filed] = setup.submitted
    const kinds = filed!.parts.map((p) => p.kind)
    for (const kind of ['chip.sod', 'chip.dg', 'portrait', 'finger', 'consent', 'contact'])
      expect(kinds).toContain(kind)
    expect(kinds.filter((k) => k === 'finger')).toHaveLength(10)
    const json = (name: string) =>
      JSON.parse(filed!.parts.find((p) => p.name === name)!.data.toString()) as unknown
    const record = parse(EnrollmentRecordSchema, json('enrollment'))
    expect(record.identity).toMatchObject({ source: 'chip', nationality: 'vn' })
    expect(record.documents.healthInsurance).toBe('0123456789')
    expect(parse(ConsentRecordSchema, json('consent')).purposes).toEqual([
      'level2Account',
      'documentIntegration',
    ])
    // The draft is gone with the citizen's data; the window's device results were let go.
    expect(setup.drafts.list()).toEqual([])
    expect(setup.forgotten).toContain('window-1')
    expect(setup.service.finish(setup.actor)).toBe(true)
    expect(setup.service.current(setup.actor)).toBeNull()
  })

  it('refuses an intent of another step and changes nothing', async () => {
    const setup = serviceUnderTest({ chipRead })
    setup.service.start(setup.actor, null)
    const error = await refusal(() => send(setup, { type: 'contact.set', phone: '0912345678' }))
    expect(error.code).toBe('E_ENROLLMENT_STEP')
    expect(setup.service.current(setup.actor)?.step).toBe('identify')
    expect((await refusal(() => send(setup, { type: 'identify.confirm' }))).code).toBe(
      'E_ENROLLMENT_INPUT',
    )
  })

  it('refuses level 2 to a child under 6 and ends without a file', async () => {
    const setup = serviceUnderTest({})
    setup.service.start(setup.actor, null)
    await send(setup, {
      type: 'identify.papers',
      person: person({ dateOfBirth: '2022-01-10' }),
      cccdApplicationRef: 'HS-2026-0001',
    })
    const eligibility = await send(setup, { type: 'identify.confirm' })
    expect(eligibility.eligibility).toMatchObject({ level2: 'refused', age: 4 })
    const ended = await send(setup, { type: 'eligibility.confirm' })
    expect(ended.phase).toBe('refused')
    expect(ended.refusal?.key).toMatch(/^rules\.eligibility\./)
    expect(setup.drafts.list()).toEqual([])
    expect(setup.submitted).toEqual([])
    expect((await refusal(() => send(setup, { type: 'submit' }))).code).toBe('E_ENROLLMENT_STEP')
  })

  it('records the guardian of a child from 6 to under 14 before going on', async () => {
    const setup = serviceUnderTest({})
    setup.service.start(setup.actor, null)
    await send(setup, {
      type: 'identify.entered',
      source: 'manual',
      person: person({ dateOfBirth: '2016-02-01' }),
      document: 'id-card',
    })
    const view = await send(setup, { type: 'identify.confirm' })
    expect(view.eligibility).toMatchObject({ guardianRequired: true, level2: 'on-request' })
    expect((await refusal(() => send(setup, { type: 'eligibility.confirm' }))).code).toBe(
      'E_ENROLLMENT_INPUT',
    )
    const guardian = { fullName: 'Trần Thị Bình', idNumber: '001080054321', relationship: 'mother' }
    await send(setup, {
      type: 'eligibility.guardian',
      guardian: { ...guardian, relationship: 'mother' },
    })
    expect((await send(setup, { type: 'eligibility.confirm' })).step).toBe('contact')
  })

  it('raises the exceptions a supervisor must approve, and submits once they are', async () => {
    const setup = serviceUnderTest({ chipRead, portrait: PORTRAIT, fingers: fingers(2) })
    setup.service.start(setup.actor, null)
    await send(setup, { type: 'identify.chip' })
    // The QR code says another birth date than the chip: a mismatch, kept field by field.
    const chipPerson = setup.service.current(setup.actor)!.identity!.person
    const mismatched = await send(setup, {
      type: 'identify.entered',
      source: 'qr',
      person: { ...chipPerson, dateOfBirth: '1901-01-01' },
      document: 'cccd',
    })
    expect(mismatched.identity?.source).toBe('chip')
    expect(mismatched.identity?.mismatches.map((m) => m.field)).toEqual(['dateOfBirth'])
    await send(setup, { type: 'identify.confirm' })
    await send(setup, { type: 'eligibility.confirm' })
    await send(setup, { type: 'contact.set', phone: '0912345678' })
    await send(setup, { type: 'documents.set' })
    await send(setup, { type: 'portrait.use' })
    const review = await send(setup, { type: 'fingerprints.done' })
    expect(review.exceptions.map((e) => [e.exception, e.approved])).toEqual([
      ['identity-mismatch', false],
      ['missing-finger', false],
    ])
    await send(setup, { type: 'consent.accept', language: 'en', purposes: ['level2Account'] })
    expect((await refusal(() => send(setup, { type: 'submit' }))).code).toBe('E_APPROVAL_REQUIRED')
    setup.approvals.add('identity-mismatch').add('missing-finger')
    expect((await send(setup, { type: 'submit' })).phase).toBe('submitted')
    expect(setup.submitted[0]!.parts.filter((p) => p.kind === 'finger')).toHaveLength(8)
  })

  it('keeps the enrollment at the review, draft and all, when a freeze refuses the submit', async () => {
    const setup = serviceUnderTest({ chipRead, portrait: PORTRAIT, fingers: fingers() })
    await toReview(setup)
    await send(setup, { type: 'consent.accept', language: 'vi', purposes: ['level2Account'] })
    setup.deps.submit = () => {
      throw new KioskError('E_FROZEN', 'disk space is low', { key: 'messages.freeze.disk-low' })
    }
    const frozen = await refusal(() => send(setup, { type: 'submit' }))
    expect(frozen.code).toBe('E_FROZEN')
    expect(frozen.sentence?.key).toBe('messages.freeze.disk-low')
    // A restarted core finds the same enrollment at the review, nothing lost.
    const restarted = createEnrollmentService(setup.deps)
    const view = restarted.current(setup.actor)
    expect(view).toMatchObject({ step: 'review', phase: 'active' })
    expect(view?.consent).not.toBeNull()
    expect(setup.forgotten).toEqual([])
  })

  it('goes back to a step from the review and returns to it, voiding the consent', async () => {
    const setup = serviceUnderTest({ chipRead, portrait: PORTRAIT, fingers: fingers() })
    await toReview(setup)
    await send(setup, { type: 'consent.accept', language: 'vi', purposes: ['level2Account'] })
    expect(await send(setup, { type: 'edit', step: 'contact' })).toMatchObject({
      step: 'contact',
      returnToReview: true,
    })
    const back = await send(setup, { type: 'contact.set', phone: '+84 98 765 4321' })
    expect(back).toMatchObject({ step: 'review', returnToReview: false, consent: null })
    expect(back.contact?.phone).toBe('+84987654321')
  })

  it('refuses a wrong phone number, a bad document and a consent without the account', async () => {
    const setup = serviceUnderTest({ chipRead, portrait: PORTRAIT, fingers: fingers() })
    setup.service.start(setup.actor, null)
    await send(setup, { type: 'identify.chip' })
    await send(setup, { type: 'identify.confirm' })
    await send(setup, { type: 'eligibility.confirm' })
    const phone = await refusal(() => send(setup, { type: 'contact.set', phone: '024 3825 1234' }))
    expect(phone.sentence?.key).toMatch(/^rules\.phone\./)
    await send(setup, { type: 'contact.set', phone: '0912345678' })
    const plate = await refusal(() =>
      send(setup, { type: 'documents.set', vehicleRegistrations: [{ plate: 'ABC' }] }),
    )
    expect(plate.sentence?.key).toMatch(/^rules\.plate\./)
    expect(setup.service.current(setup.actor)?.step).toBe('documents')
  })

  it('resumes the officer’s enrollment from its draft after a restart', async () => {
    const setup = serviceUnderTest({ chipRead })
    setup.service.start(setup.actor, null)
    await send(setup, { type: 'identify.chip' })
    await send(setup, { type: 'identify.confirm' })
    // A new service over the same database holds nothing in memory: what a restarted core is.
    const restarted = createEnrollmentService(setup.deps)
    const resumed = restarted.current({ ...setup.actor, connectionId: 'window-2' })
    expect(resumed?.step).toBe('eligibility')
    expect(resumed?.identity?.person).toEqual(setup.service.current(setup.actor)?.identity?.person)
    expect(restarted.current({ officerId: 'officer-2', connectionId: 'w' })).toBeNull()
  })

  it('sets aside a draft of another format with E_DRAFT_UNUSABLE, then starts afresh', async () => {
    const setup = serviceUnderTest({})
    setup.drafts.save({
      draftId: 'old-draft',
      officerId: 'officer-1',
      step: 'contact',
      payload: { format: 0, step: 'contact' },
    })
    expect((await refusal(() => setup.service.current(setup.actor))).code).toBe('E_DRAFT_UNUSABLE')
    expect(setup.drafts.list()).toEqual([])
    expect(setup.service.current(setup.actor)).toBeNull()
    expect(setup.audit.recent(5).map((e) => e.action)).toContain('enrollment.draftUnusable')
  })

  it('files a citizen without a chip card with no chip parts and the no-chip exception', async () => {
    const setup = serviceUnderTest({ portrait: PORTRAIT, fingers: fingers() })
    setup.service.start(setup.actor, null)
    await send(setup, {
      type: 'identify.papers',
      person: person(),
      cccdApplicationRef: 'HS-2026-0042',
    })
    await send(setup, { type: 'identify.confirm' })
    await send(setup, { type: 'eligibility.confirm' })
    await send(setup, { type: 'contact.set', phone: '0912345678' })
    await send(setup, { type: 'documents.set' })
    await send(setup, { type: 'portrait.use' })
    const review = await send(setup, { type: 'fingerprints.done' })
    expect(review.exceptions.map((e) => e.exception)).toEqual(['no-chip-card'])
    await send(setup, { type: 'consent.accept', language: 'vi', purposes: ['level2Account'] })
    setup.approvals.add('no-chip-card')
    await send(setup, { type: 'submit' })
    const parts = setup.submitted[0]!.parts
    expect(parts.some((p) => p.kind.startsWith('chip.'))).toBe(false)
    const record = parse(
      EnrollmentRecordSchema,
      JSON.parse(parts.find((p) => p.kind === 'enrollment')!.data.toString()),
    )
    expect(record.identity).toMatchObject({ source: 'papers', cccdApplicationRef: 'HS-2026-0042' })
  })

  it('keeps one enrollment per officer and deletes it on cancel', async () => {
    const setup = serviceUnderTest({ chipRead })
    setup.service.start(setup.actor, null)
    expect((await refusal(() => setup.service.start(setup.actor, null))).code).toBe(
      'E_ENROLLMENT_NONE',
    )
    expect(setup.service.cancel(setup.actor)).toBe(true)
    expect(setup.drafts.list()).toEqual([])
    expect(setup.service.current(setup.actor)).toBeNull()
    expect(setup.service.start(setup.actor, null).step).toBe('identify')
  })
})
