import { z } from 'zod'

export const PACKET_FORMAT_VERSION = 1

/** What a part holds. Part names are unique within a file, e.g. `chip/DG2`, `finger/right-thumb`. */
export const partKinds = [
  'chip.sod',
  'chip.dg',
  'portrait',
  'finger',
  'document',
  'consent',
  'contact',
  'enrollment',
] as const
export const PartKindSchema = z.enum(partKinds)
export type PartKind = z.infer<typeof PartKindSchema>

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)
const IsoTime = z.string().datetime({ offset: true })
const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/)

export const ManifestPartSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9._/-]+$/),
    kind: PartKindSchema,
    mediaType: z.string().min(1).max(100),
    size: z.number().int().nonnegative(),
    sha256: Sha256Hex,
    /** True while a device layer is missing and the part is synthetic filler, not real capture. */
    placeholder: z.boolean(),
  })
  .strict()
export type ManifestPart = z.infer<typeof ManifestPartSchema>

/** The exceptions a supervisor approves by name (the contract lists the same codes; tests/unit/approval-codes.test.ts keeps them equal). */
export const approvalExceptions = [
  'missing-finger',
  'manual-portrait',
  'portrait-mismatch',
  'chip-not-valid',
  'identity-without-chip-read',
  'no-chip-card',
  'identity-mismatch',
] as const

/** One supervisor approval of one exception, signed with the file: who, what, why and when. */
export const ManifestApprovalSchema = z
  .object({
    approvalId: Id,
    supervisorId: Id,
    exception: z.enum(approvalExceptions),
    reason: z.string().min(1).max(500),
    at: IsoTime,
  })
  .strict()
export type ManifestApproval = z.infer<typeof ManifestApprovalSchema>

/**
 * The signed manifest of one enrollment file. It holds ids, times and hashes only: the personal data
 * is in the parts, and the whole file is encrypted to the upstream.
 */
export const ManifestSchema = z
  .object({
    formatVersion: z.literal(PACKET_FORMAT_VERSION),
    fileId: z.string().uuid(),
    purpose: z.literal('vneid.level2.enrollment'),
    terminal: z.object({ id: Id, keyId: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
    stationId: Id,
    officerId: Id,
    supervisorId: Id.optional(),
    /** Every exception a supervisor approved for this file (absent when there was none). */
    approvals: z.array(ManifestApprovalSchema).min(1).max(16).optional(),
    times: z.object({ startedAt: IsoTime, submittedAt: IsoTime }).strict(),
    software: z.object({ name: z.string().max(100), version: z.string().max(50) }).strict(),
    /** Made by the simulators (`kiosk sim enroll`, training): upstream must never approve for real. */
    simulated: z.boolean(),
    parts: z
      .array(ManifestPartSchema)
      .min(1)
      .max(64)
      .refine((parts) => new Set(parts.map((p) => p.name)).size === parts.length, {
        message: 'part names must be unique',
      }),
  })
  .strict()
export type Manifest = z.infer<typeof ManifestSchema>
