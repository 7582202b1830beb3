import { z } from 'zod'

/**
 * The JSON part `portrait/assessment` beside the ISO/IEC 19794-5 record: how the kiosk judged the
 * portrait (ISO/IEC 29794-5 components), the 1:1 comparison with the chip photo and the
 * presentation-attack scores. Names are the kiosk contract's (electron/contract/portrait.ts);
 * protocol/ imports neither, so the two lists are kept equal by a test in electron/core/portrait.
 */
export const PORTRAIT_ASSESSMENT_PART = 'portrait/assessment'
export const PORTRAIT_ASSESSMENT_FORMAT_VERSION = 1

const Name = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z]+$/)
const Unit = z.number().min(0).max(1)

export const PortraitAssessmentComponentSchema = z
  .object({
    name: Name,
    qaa: z.number().int().min(0).max(65_535),
    measured: z.boolean(),
    raw: z.number().finite().nullable(),
    scalar: z.number().int().min(0).max(100).nullable(),
    passed: z.boolean().nullable(),
    gating: z.boolean(),
  })
  .strict()

export const portraitAssessmentMatchVerdicts = [
  'match',
  'mismatch',
  'no-chip-photo',
  'chip-photo-unreadable',
  'no-face-in-chip-photo',
] as const

export const PortraitAssessmentPartSchema = z
  .object({
    formatVersion: z.literal(PORTRAIT_ASSESSMENT_FORMAT_VERSION),
    capture: z.enum(['auto', 'manual']),
    capturedAt: z.string().datetime({ offset: true }),
    components: z.array(PortraitAssessmentComponentSchema).max(64),
    acceptable: z.boolean(),
    faceCount: z.number().int().min(0).max(1000),
    match: z
      .object({
        verdict: z.enum(portraitAssessmentMatchVerdicts),
        score: Unit.nullable(),
        threshold: Unit,
      })
      .strict(),
    presentation: z
      .object({
        real: Unit.nullable(),
        live: Unit.nullable(),
        gate: z.enum(['off', 'passed', 'failed']),
      })
      .strict(),
    software: z
      .object({
        analysis: z.string().min(1).max(100),
        limitsVersion: z.string().min(1).max(100).optional(),
      })
      .strict(),
  })
  .strict()
export type PortraitAssessmentPart = z.infer<typeof PortraitAssessmentPartSchema>
export type PortraitAssessmentMatchVerdict = PortraitAssessmentPart['match']['verdict']
