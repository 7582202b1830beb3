import { z } from 'zod'
import { EnrollmentViewSchema, type EnrollmentException, type EnrollmentView } from '../../contract'
import { PartKindSchema, type PacketPartInput } from '../../../protocol/packet'

/**
 * The state of one enrollment, as its draft stores it: the view the renderer gets (less the
 * exceptions, which follow from it and the approvals held) and the file's parts taken so far.
 * JSON only, so a draft survives a restart; the draft repository encrypts it.
 */

/** Bumped whenever the stored shape changes: a draft of another format is not resumed. */
export const ENROLLMENT_DRAFT_FORMAT = 1

const StoredPartSchema = z
  .object({
    name: z.string().min(1).max(100),
    kind: PartKindSchema,
    mediaType: z.string().min(1).max(100),
    /** base64 */
    data: z.string(),
  })
  .strict()
export type StoredPart = z.infer<typeof StoredPartSchema>

const StoredPhotoSchema = z.object({
  photoId: z.string(),
  of: z.enum(['health-insurance', 'driving-licence', 'vehicle-registration', 'other']),
  jpegBase64: z.string(),
})

export const EnrollmentStateSchema = z.object({
  format: z.literal(ENROLLMENT_DRAFT_FORMAT),
  appVersion: z.string(),
  officerId: z.string(),
  view: EnrollmentViewSchema.omit({ exceptions: true }),
  chipParts: z.array(StoredPartSchema),
  portraitParts: z.array(StoredPartSchema),
  fingerParts: z.array(StoredPartSchema),
  photos: z.array(StoredPhotoSchema),
})
export type EnrollmentState = z.infer<typeof EnrollmentStateSchema>
export type StateView = EnrollmentState['view']

export function storePart(part: PacketPartInput): StoredPart {
  return {
    name: part.name,
    kind: part.kind,
    mediaType: part.mediaType,
    data: Buffer.from(part.data).toString('base64'),
  }
}

export function restorePart(part: StoredPart): PacketPartInput {
  return {
    name: part.name,
    kind: part.kind,
    mediaType: part.mediaType,
    data: Buffer.from(part.data, 'base64'),
    placeholder: false,
  }
}

export function newEnrollmentState(input: {
  enrollmentId: string
  officerId: string
  appVersion: string
  startedAt: string
  recreates: string | null
}): EnrollmentState {
  return {
    format: ENROLLMENT_DRAFT_FORMAT,
    appVersion: input.appVersion,
    officerId: input.officerId,
    view: {
      enrollmentId: input.enrollmentId,
      step: 'identify',
      phase: 'active',
      startedAt: input.startedAt,
      recreates: input.recreates,
      returnToReview: false,
      identity: null,
      eligibility: null,
      contact: null,
      documents: null,
      portrait: null,
      fingerprints: null,
      consent: null,
      receipt: null,
      refusal: null,
    },
    chipParts: [],
    portraitParts: [],
    fingerParts: [],
    photos: [],
  }
}

export function viewOf(
  state: EnrollmentState,
  exceptions: readonly EnrollmentException[],
): EnrollmentView {
  return { ...state.view, exceptions: [...exceptions] }
}
