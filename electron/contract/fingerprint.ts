import { z } from 'zod'

/**
 * The ten fingers in ISO/IEC 19794-4 position order (1 = right thumb … 10 = left little); the same
 * names as drivers/fingerprint (a core test keeps the two lists equal).
 */
export const fingerNames = [
  'right-thumb',
  'right-index',
  'right-middle',
  'right-ring',
  'right-little',
  'left-thumb',
  'left-index',
  'left-middle',
  'left-ring',
  'left-little',
] as const
export const FingerNameSchema = z.enum(fingerNames)
export type FingerName = z.infer<typeof FingerNameSchema>

/** Why a finger cannot be captured (the ten-print policy's list); a supervisor approves each. */
export const missingFingerReasons = [
  'amputated',
  'bandaged',
  'scarred',
  'deformed',
  'unusable',
] as const
export const MissingFingerReasonSchema = z.enum(missingFingerReasons)
export type MissingFingerReason = z.infer<typeof MissingFingerReasonSchema>

/**
 * pending · retry (best so far below the accept score, attempts left) · accepted · best-kept
 * (attempts used up, the best kept) · exception-pending (declared missing, no approval yet) ·
 * exception-approved.
 */
export const fingerStatuses = [
  'pending',
  'retry',
  'accepted',
  'best-kept',
  'exception-pending',
  'exception-approved',
] as const
export const FingerStatusSchema = z.enum(fingerStatuses)
export type FingerStatus = z.infer<typeof FingerStatusSchema>

/** Where a quality number came from: only a device's own NFIQ 2 may be called NFIQ 2. */
export const FingerQualitySourceSchema = z.enum(['device-nfiq2', 'kiosk-quality-score'])
export type FingerQualitySource = z.infer<typeof FingerQualitySourceSchema>

export const FingerQualitySchema = z.object({
  score: z.number().int().min(0).max(100),
  source: FingerQualitySourceSchema,
})
export type FingerQuality = z.infer<typeof FingerQualitySchema>

const OfficerIdSchema = z.string().min(1).max(64)

export const MissingFingerSchema = z.object({
  reason: MissingFingerReasonSchema,
  declaredBy: OfficerIdSchema,
  /** The 'missing-finger' approval that excused it; null while it waits for one. */
  approvalId: z.string().max(64).nullable(),
  approvedBy: OfficerIdSchema.nullable(),
})
export type MissingFinger = z.infer<typeof MissingFingerSchema>

export const FingerStateSchema = z.object({
  finger: FingerNameSchema,
  status: FingerStatusSchema,
  attempts: z.number().int().min(0).max(20),
  remainingAttempts: z.number().int().min(0).max(20),
  /** The best capture kept so far, with its source named. */
  best: FingerQualitySchema.nullable(),
  missing: MissingFingerSchema.nullable(),
  /** Other fingers whose capture the matcher takes for this same finger. */
  duplicateOf: z.array(FingerNameSchema).max(9),
})
export type FingerState = z.infer<typeof FingerStateSchema>

export const DuplicateFingerPairSchema = z.object({
  a: FingerNameSchema,
  b: FingerNameSchema,
  /** Matcher score 0–1 (at or above the same-finger threshold). */
  score: z.number().min(0).max(1),
})
export type DuplicateFingerPair = z.infer<typeof DuplicateFingerPairSchema>

export const FingerprintScannerSchema = z.object({
  kind: z.enum(['ef01', 'sbi']),
  model: z.string().max(120),
  transport: z.string().max(120),
  width: z.number().int().positive().max(4096),
  height: z.number().int().positive().max(4096),
  ppi: z.number().int().positive().max(4000),
  /** Certified for registration (SBI devices); EF01 modules are not. */
  enrolmentGrade: z.boolean(),
})
export type FingerprintScanner = z.infer<typeof FingerprintScannerSchema>

/** The ten fingers of this window's enrollment. */
export const FingerprintSessionSchema = z.object({
  fingers: z.array(FingerStateSchema).max(fingerNames.length),
  /** The next finger that needs a capture or a decision, in ISO order; null when none. */
  next: FingerNameSchema.nullable(),
  /** The finger being captured now, if any. */
  capturing: FingerNameSchema.nullable(),
  maxAttempts: z.number().int().min(1).max(20),
  acceptScore: z.number().int().min(0).max(100),
  duplicates: z.array(DuplicateFingerPairSchema).max(45),
  /** Every finger accepted, kept or excused with approval, and no duplicate left. */
  complete: z.boolean(),
  /** The scanner of the last capture; null before the first. */
  scanner: FingerprintScannerSchema.nullable(),
})
export type FingerprintSession = z.infer<typeof FingerprintSessionSchema>

export const FingerInputSchema = z.object({ finger: FingerNameSchema }).strict()
export type FingerInput = z.infer<typeof FingerInputSchema>

export const MarkMissingInputSchema = z
  .object({
    finger: FingerNameSchema,
    reason: MissingFingerReasonSchema,
    note: z.string().trim().max(200).optional(),
  })
  .strict()
export type MarkMissingInput = z.infer<typeof MarkMissingInputSchema>

/** What the capture is doing, for the officer's instruction line. */
export const fingerprintPhases = [
  'connecting',
  'place-finger',
  'capturing',
  'checking-quality',
  'lift-finger',
  'reconnecting',
] as const
export const FingerprintPhaseSchema = z.enum(fingerprintPhases)
export type FingerprintPhase = z.infer<typeof FingerprintPhaseSchema>

export const FingerprintProgressEventSchema = z.object({
  finger: FingerNameSchema,
  attempt: z.number().int().min(1).max(20),
  phase: FingerprintPhaseSchema,
  /** Image bytes received so far while capturing (0 otherwise). */
  bytesReceived: z.number().int().min(0).max(16_000_000),
  bytesTotal: z.number().int().min(0).max(16_000_000),
})
export type FingerprintProgressEvent = z.infer<typeof FingerprintProgressEventSchema>

/** A preview is scaled to fit this box: small enough to stream several per second. */
export const FINGERPRINT_PREVIEW_MAX_SIDE = 320
/** A 320×320 8-bit grey PNG of noise stays under ~103 kB, ~137 kB as base64. */
export const FINGERPRINT_PREVIEW_BASE64_MAX = 160_000

export const FingerprintPreviewEventSchema = z.object({
  finger: FingerNameSchema,
  attempt: z.number().int().min(1).max(20),
  width: z.number().int().positive().max(FINGERPRINT_PREVIEW_MAX_SIDE),
  height: z.number().int().positive().max(FINGERPRINT_PREVIEW_MAX_SIDE),
  /** Grey-scale PNG, base64 (no data: prefix). */
  pngBase64: z.string().min(16).max(FINGERPRINT_PREVIEW_BASE64_MAX),
})
export type FingerprintPreviewEvent = z.infer<typeof FingerprintPreviewEventSchema>

/** Sent as soon as a finger's capture matches another finger's (before the ten are done). */
export const FingerprintDuplicateEventSchema = z.object({
  finger: FingerNameSchema,
  pairs: z.array(DuplicateFingerPairSchema).min(1).max(9),
})
export type FingerprintDuplicateEvent = z.infer<typeof FingerprintDuplicateEventSchema>
