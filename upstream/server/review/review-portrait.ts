import { z } from 'zod'
import { decodeImage, encodePng, readFaceRecord } from '../../../drivers/camera'
import { displayableFaceImage, parseDg2 } from '../../../drivers/smartcard'
import { bilingualMessage } from '../../../lib/messages'
import { safeParse } from '../../../lib/schema'
import {
  PORTRAIT_ASSESSMENT_PART,
  PortraitAssessmentPartSchema,
  type PortraitAssessmentPart,
} from '../../../protocol/packet'

/** Why a face cannot be shown: the page prints the bilingual note instead of an image. */
export const reviewFaceProblems = ['missing', 'placeholder', 'corrupt'] as const

const FaceViewSchema = z.union([
  z
    .object({
      ok: z.literal(true),
      mediaType: z.enum(['image/jpeg', 'image/png']),
      base64: z.string().max(8_000_000),
    })
    .strict(),
  z
    .object({
      ok: z.literal(false),
      problem: z.enum(reviewFaceProblems),
      note: z.string().max(500),
    })
    .strict(),
])
export type ReviewFaceView = z.infer<typeof FaceViewSchema>

/** GET /review/api/files/:id/portrait: the kiosk portrait and the chip photo side by side. */
export const ReviewPortraitSchema = z
  .object({
    kiosk: FaceViewSchema,
    chip: FaceViewSchema,
    /** null when the file has no readable `portrait/assessment` part. */
    assessment: PortraitAssessmentPartSchema.nullable(),
    assessmentNote: z.string().max(500).nullable(),
  })
  .strict()
export type ReviewPortrait = z.infer<typeof ReviewPortraitSchema>

export interface ReviewPart {
  readonly mediaType: string
  readonly data: Uint8Array
  readonly placeholder: boolean
}

/** Literal keys, so the catalogue test sees each one. */
const NOTES = {
  kiosk: {
    missing: 'review.portrait.kiosk.missing',
    placeholder: 'review.portrait.kiosk.placeholder',
    corrupt: 'review.portrait.kiosk.corrupt',
  },
  chip: {
    missing: 'review.portrait.chip.missing',
    placeholder: 'review.portrait.chip.placeholder',
    corrupt: 'review.portrait.chip.corrupt',
  },
} as const

const problem = (
  p: (typeof reviewFaceProblems)[number],
  which: 'kiosk' | 'chip',
): ReviewFaceView => ({
  ok: false,
  problem: p,
  note: bilingualMessage(NOTES[which][p]),
})

const shown = (mediaType: 'image/jpeg' | 'image/png', bytes: Uint8Array): ReviewFaceView => ({
  ok: true,
  mediaType,
  base64: Buffer.from(bytes).toString('base64'),
})

/** The JPEG inside the 19794-5 record, checked by decoding it; any failure is a note. */
export async function kioskFaceView(part: ReviewPart | undefined): Promise<ReviewFaceView> {
  if (!part) return problem('missing', 'kiosk')
  if (part.placeholder) return problem('placeholder', 'kiosk')
  try {
    const image = readFaceRecord(part.data).representations[0]
    if (!image) return problem('corrupt', 'kiosk')
    const frame = await decodeImage(image.imageData)
    return image.image.dataType === 'jpeg'
      ? shown('image/jpeg', image.imageData)
      : shown('image/png', await encodePng(frame))
  } catch {
    return problem('corrupt', 'kiosk')
  }
}

/** DG2's face: JPEG as stored (once it decodes), JPEG 2000 decoded here and sent as PNG. */
export async function chipFaceView(dg2: Uint8Array | undefined): Promise<ReviewFaceView> {
  if (!dg2) return problem('missing', 'chip')
  try {
    const face = parseDg2(dg2).faces[0]
    if (!face) return problem('corrupt', 'chip')
    const display = await displayableFaceImage(face)
    await decodeImage(display.bytes)
    return shown(display.mimeType, display.bytes)
  } catch {
    return problem('corrupt', 'chip')
  }
}

export function assessmentOf(part: ReviewPart | undefined): {
  assessment: PortraitAssessmentPart | null
  assessmentNote: string | null
} {
  if (!part)
    return { assessment: null, assessmentNote: bilingualMessage('review.portrait.noAssessment') }
  let json: unknown = null
  try {
    json = JSON.parse(Buffer.from(part.data).toString('utf8'))
  } catch {
    // Refused below like any other invalid JSON.
  }
  const parsed = safeParse(PortraitAssessmentPartSchema, json)
  return parsed.success
    ? { assessment: parsed.data, assessmentNote: null }
    : { assessment: null, assessmentNote: bilingualMessage('review.portrait.badAssessment') }
}

/** The portrait view of a file from its parts by name. */
export async function reviewPortrait(
  partOf: (name: string) => ReviewPart | undefined,
): Promise<ReviewPortrait> {
  return {
    kiosk: await kioskFaceView(partOf('portrait')),
    chip: await chipFaceView(partOf('chip/DG2')?.data),
    ...assessmentOf(partOf(PORTRAIT_ASSESSMENT_PART)),
  }
}
