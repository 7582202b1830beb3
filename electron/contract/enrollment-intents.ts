import { z } from 'zod'
import {
  EditableStepSchema,
  GuardianSchema,
  IdentityDocumentSchema,
  PersonSchema,
  ResidenceCardSchema,
} from './enrollment'
import { consentPurposes } from './rules'

/**
 * What the officer did, sent to the core's state machine (`enrollment.intent`). Each intent is
 * valid in some steps only; elsewhere the core answers E_ENROLLMENT_STEP and nothing changes.
 * Data the core holds itself (the chip read, the accepted portrait, the fingers) is never sent
 * back by the renderer: the intent says "use it" and the core takes its own copy.
 */

/** A document photo's JPEG, base64: about 1.5 MB of image at most. */
export const DOCUMENT_PHOTO_BASE64_MAX = 2_000_000

const cccdApplicationRef = z
  .string()
  .trim()
  .regex(/^[A-Z0-9-]{6,40}$/, 'letters, digits and dashes')

/** The documents to integrate, as typed: each optional, each checked by its rule in the core. */
const documentsInput = {
  healthInsurance: z.string().max(40).optional(),
  drivingLicence: z
    .object({
      number: z.string().max(40),
      licenceClass: z.string().max(8),
      expiry: z.string().max(10).optional(),
    })
    .strict()
    .optional(),
  vehicleRegistrations: z
    .array(
      z
        .object({
          plate: z.string().max(20),
          registrationNumber: z.string().max(20).optional(),
        })
        .strict(),
    )
    .max(10)
    .optional(),
}
export const DocumentsInputSchema = z.object(documentsInput).strict()

const intent = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape }).strict()

export const EnrollmentIntentSchema = z.discriminatedUnion('type', [
  /** Take the identity from this window's last chip read (`card.read`). */
  intent('identify.chip', {}),
  /** The identity from the card's QR code or typed in; reconciled with the chip if one was read. */
  intent('identify.entered', {
    source: z.enum(['qr', 'manual']),
    person: PersonSchema,
    document: IdentityDocumentSchema,
  }),
  /** A citizen without a chip card, enrolled together with the CCCD application. */
  intent('identify.papers', { person: PersonSchema, cccdApplicationRef }),
  /** A foreigner: the residence card that goes with the passport chip read. */
  intent('identify.residenceCard', { residenceCard: ResidenceCardSchema }),
  intent('identify.confirm', {}),
  intent('eligibility.guardian', { guardian: GuardianSchema }),
  intent('eligibility.confirm', {}),
  intent('contact.set', {
    phone: z.string().max(40),
    email: z.string().max(254).optional(),
  }),
  intent('documents.set', documentsInput),
  intent('documents.addPhoto', {
    of: z.enum(['health-insurance', 'driving-licence', 'vehicle-registration', 'other']),
    jpegBase64: z
      .string()
      .max(DOCUMENT_PHOTO_BASE64_MAX)
      .regex(/^[A-Za-z0-9+/]+=*$/),
  }),
  intent('documents.removePhoto', { photoId: z.string().max(40) }),
  /** Take the portrait `portrait.check` accepted on this window. */
  intent('portrait.use', {}),
  /** Take the fingers captured on this window (`fingerprint.*`). */
  intent('fingerprints.done', {}),
  /** From the review: go back to a step; finishing it returns to the review. */
  intent('edit', { step: EditableStepSchema }),
  intent('back', {}),
  /** The citizen read the notice in `language` and agreed; the core hashes the text it shows. */
  intent('consent.accept', {
    language: z.enum(['vi', 'en']),
    /** The purposes whose boxes the citizen ticked; the level-2 account is one of them. */
    purposes: z.array(z.enum(consentPurposes)).min(1).max(consentPurposes.length),
  }),
  intent('submit', {}),
])
export type EnrollmentIntent = z.infer<typeof EnrollmentIntentSchema>
export type EnrollmentIntentType = EnrollmentIntent['type']

export const StartEnrollmentInputSchema = z
  .object({
    /** A rejected file's id: the new enrollment says which application it recreates. */
    recreates: z.string().uuid().optional(),
  })
  .strict()
