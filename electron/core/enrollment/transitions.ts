import { createHash } from 'node:crypto'
import { enrollmentSteps, type EnrollmentIntent, type EnrollmentStep } from '../../contract'
import type { PacketPartInput } from '../../../protocol/packet'
import type { ChipRead } from '../card'
import type { EnrollmentRules } from './enrollment-rules'
import { storePart, type EnrollmentState, type StateView } from './enrollment-state'
import { checkIdentityComplete, identify } from './identify-step'
import { checkedDocuments } from './documents-step'
import { inputError, refusedBy, wrongStep } from './step-errors'

/** The portrait the portrait step accepted on this window, as the file and the review take it. */
export interface PortraitTake {
  parts: PacketPartInput[]
  view: NonNullable<StateView['portrait']>
}

/** The fingers captured on this window: the file's parts and what is missing, and why. */
export interface FingerTake {
  parts: PacketPartInput[]
  missing: { finger: string; reason: string }[]
}

/** What the core holds for this intent: the clock, the rules, and this window's device results. */
export interface IntentContext {
  now: Date
  rules: EnrollmentRules
  chipRead: ChipRead | null
  portrait: PortraitTake | null
  fingers: FingerTake | null
  randomId(): string
}

/** The intents each step accepts; everything else is E_ENROLLMENT_STEP. `back` is everywhere but the ends. */
const ACCEPTS: Record<EnrollmentStep, readonly EnrollmentIntent['type'][]> = {
  identify: [
    'identify.chip',
    'identify.entered',
    'identify.papers',
    'identify.residenceCard',
    'identify.confirm',
  ],
  eligibility: ['eligibility.guardian', 'eligibility.confirm', 'back'],
  contact: ['contact.set', 'back'],
  documents: ['documents.set', 'documents.addPhoto', 'documents.removePhoto', 'back'],
  portrait: ['portrait.use', 'back'],
  fingerprints: ['fingerprints.done', 'back'],
  review: ['edit', 'consent.accept', 'submit', 'back'],
  receipt: [],
}

export function acceptsIntent(view: StateView, type: EnrollmentIntent['type']): boolean {
  return view.phase === 'active' && ACCEPTS[view.step].includes(type)
}

const stepAfter = (step: EnrollmentStep): EnrollmentStep =>
  enrollmentSteps[Math.min(enrollmentSteps.indexOf(step) + 1, enrollmentSteps.length - 1)] ?? step

/** A step is done: on to the next, or back to the review when the officer came from there. */
function advance(state: EnrollmentState, from: EnrollmentStep): EnrollmentState {
  const back = state.view.returnToReview
  return {
    ...state,
    view: { ...state.view, step: back ? 'review' : stepAfter(from), returnToReview: false },
  }
}

/** Anything changed before the review voids a consent given on the earlier content. */
const withView = (state: EnrollmentState, view: Partial<StateView>): EnrollmentState => ({
  ...state,
  view: { ...state.view, ...view, consent: null },
})

/**
 * One intent applied to the state: the new state, or a KioskError and no change. Everything but
 * `submit` (which the service runs, since it files the enrollment) is decided here.
 */
export function applyIntent(
  state: EnrollmentState,
  intent: Exclude<EnrollmentIntent, { type: 'submit' }>,
  ctx: IntentContext,
): EnrollmentState {
  const { view } = state
  if (!acceptsIntent(view, intent.type)) throw wrongStep(intent.type, view.step)
  const today = ctx.rules.today(ctx.now)
  switch (intent.type) {
    case 'identify.chip':
    case 'identify.entered':
    case 'identify.papers':
    case 'identify.residenceCard':
      return withView(identify(state, intent, ctx.chipRead, Number(today.slice(0, 4))), {})
    case 'identify.confirm': {
      const identity = checkIdentityComplete(view.identity)
      const rule = ctx.rules.eligibility(identity.person, identity.document, today)
      const guardian = rule.guardianRequired ? (view.eligibility?.guardian ?? null) : null
      // The eligibility step always follows: it depends on the identity just confirmed.
      const eligibility = { ...rule, guardian, on: today }
      return { ...state, view: { ...view, eligibility, consent: null, step: 'eligibility' } }
    }
    case 'eligibility.guardian': {
      if (!view.eligibility?.guardianRequired)
        throw inputError('no guardian is needed', 'enrollment.eligibility.noGuardianNeeded')
      return withView(state, { eligibility: { ...view.eligibility, guardian: intent.guardian } })
    }
    case 'eligibility.confirm':
      return confirmEligibility(state)
    case 'contact.set': {
      const phone = ctx.rules.phone(intent.phone)
      if (!phone.ok) throw refusedBy('phone', phone.reason)
      let email: string | null = null
      if (intent.email !== undefined && intent.email.trim() !== '') {
        const checked = ctx.rules.email(intent.email)
        if (!checked.ok) throw refusedBy('email', checked.reason)
        email = checked.value
      }
      const contact = { phone: phone.value.e164, network: phone.value.network, email }
      return advance(withView(state, { contact }), 'contact')
    }
    case 'documents.set': {
      const photos = state.view.documents?.photos ?? []
      const documents = { ...checkedDocuments(intent, ctx.rules, today), photos }
      return advance(withView(state, { documents }), 'documents')
    }
    case 'documents.addPhoto':
      return addPhoto(state, intent, ctx.randomId())
    case 'documents.removePhoto':
      return removePhoto(state, intent.photoId)
    case 'portrait.use': {
      if (!ctx.portrait) throw inputError('no accepted portrait', 'enrollment.portrait.none')
      const next = { ...state, portraitParts: ctx.portrait.parts.map(storePart) }
      return advance(withView(next, { portrait: ctx.portrait.view }), 'portrait')
    }
    case 'fingerprints.done': {
      if (!ctx.fingers || ctx.fingers.parts.length + ctx.fingers.missing.length < 10)
        throw inputError('fingers not complete', 'enrollment.fingerprints.incomplete')
      const fingerprints = { captured: ctx.fingers.parts.length, missing: ctx.fingers.missing }
      const next = { ...state, fingerParts: ctx.fingers.parts.map(storePart) }
      return advance(withView(next, { fingerprints }), 'fingerprints')
    }
    case 'edit':
      return { ...state, view: { ...view, step: intent.step, returnToReview: true } }
    case 'back':
      return goBack(state)
    case 'consent.accept':
      return acceptConsent(state, ctx, intent)
  }
}

function confirmEligibility(state: EnrollmentState): EnrollmentState {
  const eligibility = state.view.eligibility
  if (!eligibility) throw inputError('no eligibility yet', 'enrollment.identify.none')
  if (eligibility.level2 === 'refused')
    return { ...state, view: { ...state.view, phase: 'refused', refusal: eligibility.reason } }
  if (eligibility.guardianRequired && !eligibility.guardian)
    throw inputError('the guardian is not recorded', 'enrollment.eligibility.guardianNeeded')
  return advance(state, 'eligibility')
}

function goBack(state: EnrollmentState): EnrollmentState {
  const index = enrollmentSteps.indexOf(state.view.step)
  const step = enrollmentSteps[Math.max(0, index - 1)] ?? 'identify'
  return { ...state, view: { ...state.view, step, returnToReview: false } }
}

const MAX_PHOTOS = 10

function addPhoto(
  state: EnrollmentState,
  intent: Extract<EnrollmentIntent, { type: 'documents.addPhoto' }>,
  photoId: string,
): EnrollmentState {
  const bytes = Buffer.from(intent.jpegBase64, 'base64')
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff)
    throw inputError('the photo is not a JPEG', 'enrollment.documents.photoNotJpeg')
  if (state.photos.length >= MAX_PHOTOS)
    throw inputError('too many photos', 'enrollment.documents.tooManyPhotos', { max: MAX_PHOTOS })
  const photo = { photoId, of: intent.of, jpegBase64: intent.jpegBase64 }
  const documents = state.view.documents ?? {
    healthInsurance: null,
    drivingLicence: null,
    vehicleRegistrations: [],
    photos: [],
  }
  const photos = [...documents.photos, { photoId, of: intent.of, bytes: bytes.length }]
  return {
    ...withView(state, { documents: { ...documents, photos } }),
    photos: [...state.photos, photo],
  }
}

function removePhoto(state: EnrollmentState, photoId: string): EnrollmentState {
  const documents = state.view.documents
  if (!documents || !state.photos.some((p) => p.photoId === photoId))
    throw inputError('no such photo', 'enrollment.documents.noSuchPhoto')
  return {
    ...withView(state, {
      documents: { ...documents, photos: documents.photos.filter((p) => p.photoId !== photoId) },
    }),
    photos: state.photos.filter((p) => p.photoId !== photoId),
  }
}

/** The citizen agreed to the notice in `language`: its version and the hash of that exact text. */
function acceptConsent(
  state: EnrollmentState,
  ctx: IntentContext,
  { language, purposes }: Extract<EnrollmentIntent, { type: 'consent.accept' }>,
): EnrollmentState {
  if (!purposes.includes('level2Account'))
    throw inputError('no consent to the account', 'enrollment.review.accountConsentNeeded')
  const { version, text } = ctx.rules.consent(language)
  const textSha256 = createHash('sha256').update(text.normalize('NFC'), 'utf8').digest('hex')
  const consent = {
    version,
    purposes: [...new Set(purposes)],
    textSha256,
    language,
    acceptedAt: ctx.now.toISOString(),
  }
  return { ...state, view: { ...state.view, consent } }
}
