import {
  ENROLLMENT_RECORD_FORMAT_VERSION,
  ENROLLMENT_RECORD_PART,
  type ConsentRecord,
  type EnrollmentRecord,
  type PacketPartInput,
} from '../../../protocol/packet'
import { restorePart, type EnrollmentState } from './enrollment-state'

const JSON_TYPE = 'application/json'

function jsonPart(name: string, kind: PacketPartInput['kind'], value: unknown): PacketPartInput {
  return {
    name,
    kind,
    mediaType: JSON_TYPE,
    data: Buffer.from(JSON.stringify(value), 'utf8'),
    placeholder: false,
  }
}

/** What is still missing before the file can be put together (the review lists the same). */
export function missingForFile(state: EnrollmentState): string[] {
  const { view } = state
  const missing: string[] = []
  if (!view.identity) missing.push('identity')
  if (!view.eligibility) missing.push('eligibility')
  if (!view.contact) missing.push('contact')
  if (!view.documents) missing.push('documents')
  if (!view.portrait || state.portraitParts.length === 0) missing.push('portrait')
  if (!view.fingerprints) missing.push('fingerprints')
  if (!view.consent) missing.push('consent')
  return missing
}

/**
 * The one place the enrollment file is put together: the chip's files as read, the portrait
 * record and its assessment, one record per finger, the document photos, and the kiosk's own
 * records (the enrollment, the consent with its text hash, the contact). Throws when a part is
 * missing; the caller checks `missingForFile` first.
 */
export function assembleFile(state: EnrollmentState): PacketPartInput[] {
  const { view } = state
  const { identity, eligibility, contact, documents, consent } = view
  if (!identity || !eligibility || !contact || !documents || !consent)
    throw new Error(`the enrollment is incomplete: ${missingForFile(state).join(', ')}`)
  const photoParts = state.photos.map<PacketPartInput>((p) => ({
    name: `document/${p.photoId}`,
    kind: 'document',
    mediaType: 'image/jpeg',
    data: Buffer.from(p.jpegBase64, 'base64'),
    placeholder: false,
  }))
  const { person } = identity
  const record: EnrollmentRecord = {
    formatVersion: ENROLLMENT_RECORD_FORMAT_VERSION,
    identity: {
      source: identity.source,
      document: identity.document,
      fullName: person.fullName,
      idNumber: person.idNumber,
      dateOfBirth: person.dateOfBirth,
      sex: person.sex,
      nationality: person.nationality,
      mismatches: identity.mismatches.map((m) => m.field),
      cccdApplicationRef: identity.cccdApplicationRef,
      residenceCard: identity.residenceCard,
    },
    eligibility: {
      rule: 'decree-69-2024-art-7',
      on: eligibility.on,
      age: eligibility.age,
      ageApproximate: eligibility.ageApproximate,
      level1: eligibility.level1,
      level2: eligibility.level2,
      guardian: eligibility.guardian,
    },
    documents: {
      healthInsurance: documents.healthInsurance,
      drivingLicence: documents.drivingLicence,
      vehicleRegistrations: documents.vehicleRegistrations,
      photos: photoParts.map((p) => p.name),
    },
    recreates: view.recreates,
  }
  const consentRecord: ConsentRecord = { agreed: true, ...consent }
  return [
    ...state.chipParts.map(restorePart),
    ...state.portraitParts.map(restorePart),
    ...state.fingerParts.map(restorePart),
    ...photoParts,
    jsonPart(ENROLLMENT_RECORD_PART, 'enrollment', record),
    jsonPart('consent', 'consent', consentRecord),
    jsonPart('contact', 'contact', {
      phone: contact.phone,
      name: person.fullName,
      ...(contact.email ? { email: contact.email } : {}),
    }),
  ]
}
