import { z } from 'zod'
import { ApprovalExceptionSchema } from './officers'
import { PortraitMatchSchema } from './portrait'
import { consentPurposes, identityDocuments } from './rules'

/**
 * The level-2 enrollment as the renderer sees it: the steps in order, and the view of one
 * enrollment in progress. The core's state machine (electron/core/enrollment) owns the state; the
 * renderer renders this view and sends intents (enrollment-intents.ts).
 */

export const enrollmentSteps = [
  'identify',
  'eligibility',
  'contact',
  'documents',
  'portrait',
  'fingerprints',
  'review',
  'receipt',
] as const
export const EnrollmentStepSchema = z.enum(enrollmentSteps)
export type EnrollmentStep = z.infer<typeof EnrollmentStepSchema>

/** Steps the review screen can send the officer back to (and return from). */
export const editableSteps = [
  'identify',
  'eligibility',
  'contact',
  'documents',
  'portrait',
  'fingerprints',
] as const satisfies readonly EnrollmentStep[]
export const EditableStepSchema = z.enum(editableSteps)

/** active: steps to go · refused: eligibility said no, nothing is filed · submitted: receipt shown. */
export const EnrollmentPhaseSchema = z.enum(['active', 'refused', 'submitted'])

/** A sentence of the locale files with its parameters, rendered by the UI in its language. */
export const SentenceSchema = z.object({
  key: z.string().max(200),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
})
export type Sentence = z.infer<typeof SentenceSchema>

const name = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .transform((s) => s.normalize('NFC'))
/** YYYY-MM-DD, with 00 for a month or day the document does not give. */
export const DateTextSchema = z
  .string()
  .regex(/^\d{4}-(0\d|1[0-2])-([0-2]\d|3[01])$/, 'a date as YYYY-MM-DD (00 where unknown)')

export const NationalitySchema = z.enum(['vn', 'foreign'])
export const IdentityDocumentSchema = z.enum(identityDocuments)

/** Who the citizen is, from the chip, the card's QR code, the papers or typed in. */
export const PersonSchema = z
  .object({
    fullName: name,
    /** The 12-digit personal ID number, or a foreigner's passport number. */
    idNumber: z.string().regex(/^[A-Z0-9]{6,20}$/, 'the ID or passport number'),
    dateOfBirth: DateTextSchema,
    sex: z.enum(['M', 'F']).nullable(),
    nationality: NationalitySchema,
    placeOfResidence: z.string().max(500).nullable(),
  })
  .strict()
export type Person = z.infer<typeof PersonSchema>

/** The chip's verdicts, each with what it means for the officer (texts under enrollment.verdicts). */
export const ChipVerdictsSchema = z.object({
  access: z.enum(['PACE', 'BAC']),
  passiveAuth: z.enum(['valid', 'invalid', 'untrusted']),
  chipAuth: z.enum(['passed', 'failed', 'not-supported']),
  activeAuth: z.enum(['passed', 'failed', 'not-supported']),
})
export type ChipVerdicts = z.infer<typeof ChipVerdictsSchema>

/** One field where the QR code or the typed identity differs from the chip. */
export const IdentityMismatchSchema = z.object({
  field: z.enum(['fullName', 'idNumber', 'dateOfBirth', 'sex']),
  chip: z.string(),
  other: z.string(),
})

export const ResidenceCardSchema = z
  .object({
    kind: z.enum(['temporary', 'permanent']),
    number: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{6,20}$/, 'letters and digits'),
  })
  .strict()

export const IdentitySourceSchema = z.enum(['chip', 'qr', 'manual', 'papers'])

export const IdentityViewSchema = z.object({
  /** Where the person's fields come from: the chip wins whenever it was read. */
  source: IdentitySourceSchema,
  person: PersonSchema,
  document: IdentityDocumentSchema,
  /** Null when no chip was read (QR, typed in, or a citizen without a chip card). */
  chip: ChipVerdictsSchema.nullable(),
  /** The chip's photo as the browser shows it. */
  chipFaceDataUrl: z.string().max(400_000).nullable(),
  mismatches: z.array(IdentityMismatchSchema),
  /** A citizen without a chip card: the reference of the CCCD application filed with this one. */
  cccdApplicationRef: z.string().max(40).nullable(),
  residenceCard: ResidenceCardSchema.nullable(),
})
export type IdentityView = z.infer<typeof IdentityViewSchema>

export const GuardianSchema = z
  .object({
    fullName: name,
    idNumber: z.string().regex(/^\d{12}$/, 'the 12-digit ID number'),
    relationship: z.enum(['father', 'mother', 'guardian', 'other']),
  })
  .strict()
export type Guardian = z.infer<typeof GuardianSchema>

export const GrantSchema = z.enum(['granted', 'on-request', 'refused'])
export type Grant = z.infer<typeof GrantSchema>

export const EligibilityViewSchema = z.object({
  level1: GrantSchema,
  level2: GrantSchema,
  guardianRequired: z.boolean(),
  age: z.number().int().nonnegative(),
  ageApproximate: z.boolean(),
  reason: SentenceSchema,
  guardian: GuardianSchema.nullable(),
  /** Asia/Ho_Chi_Minh date the rule was applied on. */
  on: DateTextSchema,
})
export type EligibilityView = z.infer<typeof EligibilityViewSchema>

export const ContactViewSchema = z.object({
  /** E.164, +84 and nine digits. */
  phone: z.string().regex(/^\+84\d{9}$/),
  network: z.string().max(40).nullable(),
  email: z.string().max(254).nullable(),
})

export const DrivingLicenceSchema = z.object({
  number: z.string().regex(/^\d{12}$/),
  licenceClass: z.string().max(8),
  /** YYYY-MM-DD, or null for a class that never expires. */
  expiry: DateTextSchema.nullable(),
})
export const VehicleRegistrationSchema = z.object({
  plate: z.string().max(20),
  registrationNumber: z.string().max(20).nullable(),
})
export const DocumentPhotoViewSchema = z.object({
  photoId: z.string().max(40),
  of: z.enum(['health-insurance', 'driving-licence', 'vehicle-registration', 'other']),
  bytes: z.number().int().nonnegative(),
})

export const DocumentsViewSchema = z.object({
  healthInsurance: z.string().max(20).nullable(),
  drivingLicence: DrivingLicenceSchema.nullable(),
  vehicleRegistrations: z.array(VehicleRegistrationSchema).max(10),
  photos: z.array(DocumentPhotoViewSchema).max(10),
})
export type DocumentsView = z.infer<typeof DocumentsViewSchema>

export const PortraitViewSchema = z.object({
  /** The token image the file holds, as the browser shows it. */
  tokenDataUrl: z.string().max(400_000),
  capture: z.enum(['auto', 'manual']),
  /** The comparison with the chip photo, as the portrait check made it. */
  match: PortraitMatchSchema,
})

export const FingerprintsViewSchema = z.object({
  captured: z.number().int().min(0).max(10),
  missing: z.array(z.object({ finger: z.string().max(40), reason: z.string().max(40) })),
})

/** A condition that needs a supervisor: which exception, why, and whether it is approved. */
export const EnrollmentExceptionSchema = z.object({
  exception: ApprovalExceptionSchema,
  why: SentenceSchema,
  approved: z.boolean(),
})
export type EnrollmentException = z.infer<typeof EnrollmentExceptionSchema>

export const ConsentViewSchema = z.object({
  version: z.string().max(40),
  purposes: z.array(z.enum(consentPurposes)),
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
  language: z.enum(['vi', 'en']),
  acceptedAt: z.string(),
})

export const ReceiptViewSchema = z.object({
  fileId: z.string().uuid(),
  submittedAt: z.string(),
  /** The only personal detail on the receipt. */
  fullName: z.string().max(200),
  /** What the QR code holds: the file number, for a status lookup; no PII. */
  statusCode: z.string().max(200),
})
export type ReceiptView = z.infer<typeof ReceiptViewSchema>

export const EnrollmentViewSchema = z.object({
  enrollmentId: z.string().uuid(),
  step: EnrollmentStepSchema,
  phase: EnrollmentPhaseSchema,
  startedAt: z.string(),
  /** The rejected file this enrollment recreates, if any. */
  recreates: z.string().uuid().nullable(),
  /** Set while the officer edits a step from the review: finishing it returns there. */
  returnToReview: z.boolean(),
  identity: IdentityViewSchema.nullable(),
  eligibility: EligibilityViewSchema.nullable(),
  contact: ContactViewSchema.nullable(),
  documents: DocumentsViewSchema.nullable(),
  portrait: PortraitViewSchema.nullable(),
  fingerprints: FingerprintsViewSchema.nullable(),
  exceptions: z.array(EnrollmentExceptionSchema),
  consent: ConsentViewSchema.nullable(),
  receipt: ReceiptViewSchema.nullable(),
  /** Why the enrollment ended without a file (phase `refused`). */
  refusal: SentenceSchema.nullable(),
})
export type EnrollmentView = z.infer<typeof EnrollmentViewSchema>
