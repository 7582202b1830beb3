import { z } from 'zod'

/** ISO/IEC 29794-5 component names, as OFIQ spells them (drivers/camera keeps the same list). */
export const portraitComponentNames = [
  'SingleFacePresent',
  'InterEyeDistance',
  'HeadSize',
  'LeftwardCrop',
  'RightwardCrop',
  'MarginAbove',
  'MarginBelow',
  'HeadPoseYaw',
  'HeadPosePitch',
  'HeadPoseRoll',
  'EyesOpen',
  'EyesVisible',
  'MouthClosed',
  'MouthOcclusionPrevention',
  'FaceOcclusionPrevention',
  'ExpressionNeutrality',
  'IlluminationUniformity',
  'LuminanceMean',
  'LuminanceVariance',
  'UnderExposurePrevention',
  'OverExposurePrevention',
  'DynamicRange',
  'Sharpness',
  'CompressionArtifacts',
  'NaturalColour',
  'BackgroundUniformity',
  'NoHeadCoverings',
] as const
export const PortraitComponentNameSchema = z.enum(portraitComponentNames)
export type PortraitComponentName = z.infer<typeof PortraitComponentNameSchema>

const PointSchema = z.tuple([z.number(), z.number()])

/**
 * Where a component passes: on its raw value or its 0–100 value, at least and/or at most a bound;
 * `absolute` compares the magnitude (head pose angles either way).
 */
export const PortraitLimitSchema = z.object({
  on: z.enum(['raw', 'scalar']),
  atLeast: z.number().nullable(),
  atMost: z.number().nullable(),
  absolute: z.boolean(),
})
export type PortraitLimit = z.infer<typeof PortraitLimitSchema>

export const PortraitComponentSchema = z.object({
  name: PortraitComponentNameSchema,
  qaa: z.number().int(),
  measured: z.boolean(),
  raw: z.number().nullable(),
  scalar: z.number().int().min(0).max(100).nullable(),
  limit: PortraitLimitSchema,
  passed: z.boolean().nullable(),
  gating: z.boolean(),
})
export type PortraitComponent = z.infer<typeof PortraitComponentSchema>

export const PortraitAssessmentSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  faceCount: z.number().int().nonnegative(),
  components: z.array(PortraitComponentSchema).max(portraitComponentNames.length),
  failing: z.array(PortraitComponentNameSchema),
  acceptable: z.boolean(),
  eyes: z.object({ imageLeft: PointSchema, imageRight: PointSchema }).nullable(),
  presentation: z.object({ real: z.number().nullable(), live: z.number().nullable() }),
})
export type PortraitAssessment = z.infer<typeof PortraitAssessmentSchema>

/** The settings the live capture and the main-process re-check share. */
export const PortraitSettingsSchema = z.object({
  /** Limits that replace the built-in table (drivers/camera/quality/limits.ts) per component. */
  limits: z.partialRecord(PortraitComponentNameSchema, PortraitLimitSchema),
  /** Consecutive frames on which every gating component passes before the countdown starts. */
  autoCaptureFrames: z.number().int().min(1).max(100),
  /** Seconds of countdown before an automatic capture (0 = none). */
  countdownSeconds: z.number().int().min(0).max(10),
  /** How the token image is stored in the file's face record (the preview is always JPEG). */
  tokenFormat: z.enum(['jpeg', 'jpeg2000']),
  /** Lowest similarity (0–1) that counts as the chip photo's holder. */
  matchThreshold: z.number().min(0).max(1),
  /** When on, a low anti-spoof or liveness score refuses the portrait (off until measured). */
  presentationGate: z.object({
    enabled: z.boolean(),
    minReal: z.number().min(0).max(1),
    minLive: z.number().min(0).max(1),
  }),
})
export type PortraitSettings = z.infer<typeof PortraitSettingsSchema>

/** A 1280×720 camera frame as PNG stays under ~2.7 MB (worst case: noise) as base64. */
export const PORTRAIT_PNG_BASE64_MAX = 3_800_000

/** The frame the officer (or auto-capture) chose, lossless, for the main process to re-check. */
export const PortraitCheckInputSchema = z.object({
  /** PNG of the exact pixels the live analysis saw, base64. */
  pngBase64: z.string().min(16).max(PORTRAIT_PNG_BASE64_MAX),
  capture: z.enum(['auto', 'manual']),
})
export type PortraitCheckInput = z.infer<typeof PortraitCheckInputSchema>

export const portraitMatchVerdicts = [
  'match',
  'mismatch',
  /** No chip was read in this session (or the card had no DG2). */
  'no-chip-photo',
  /** DG2 is there but its image could not be decoded. */
  'chip-photo-unreadable',
  /** DG2 decoded but no face was found in it. */
  'no-face-in-chip-photo',
] as const
export const PortraitMatchSchema = z.object({
  verdict: z.enum(portraitMatchVerdicts),
  /** Similarity 0–1 of the portrait and the chip photo; null when no comparison was possible. */
  score: z.number().min(0).max(1).nullable(),
  threshold: z.number().min(0).max(1),
})
export type PortraitMatch = z.infer<typeof PortraitMatchSchema>

export const PortraitCheckResultSchema = z.object({
  /** The re-check passed (or the capture was manual): the token image is ready for the file. */
  accepted: z.boolean(),
  assessment: PortraitAssessmentSchema,
  /** The ISO/IEC 19794-5 token image, JPEG base64; null when the frame had no usable face. */
  token: z
    .object({ jpegBase64: z.string(), width: z.number().int(), height: z.number().int() })
    .nullable(),
  match: PortraitMatchSchema,
  /** Presentation-attack gate: off, or whether this frame passed it. */
  presentationGate: z.enum(['off', 'passed', 'failed']),
})
export type PortraitCheckResult = z.infer<typeof PortraitCheckResultSchema>
