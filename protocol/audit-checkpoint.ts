import type { KeyObject } from 'node:crypto'
import { z } from 'zod'
import { safeParse } from '../lib/schema'
import { sha256Hex } from './digest'
import { KeyIdSchema, Sha256HexSchema, TerminalIdSchema } from './schemas'
import { signBytes, verifyBytes } from './signature'

/**
 * Audit checkpoints: the terminal's signed statement "my audit chain, entries 1..seq, ends in
 * `head`". Each names the hash of the one before, so the checkpoints form their own chain that the
 * upstream can hold and compare. The upstream answers an acknowledgement signed with its `signing`
 * key; the kiosk keeps it, so a tail cut off after the acknowledgement shows even if the local
 * checkpoints are deleted too.
 */
export const AUDIT_CHECKPOINT_SCHEME = 'KIOSK-AUDIT-CHECKPOINT-V1'
export const AUDIT_ACK_SCHEME = 'KIOSK-AUDIT-ACK-V1'

/** `prevCheckpoint` of a terminal's first checkpoint. */
export const GENESIS_CHECKPOINT_HASH = '0'.repeat(64)

/** POST AuditCheckpointsRequest → AuditCheckpointsResponse (signed like every sync route). */
export const AUDIT_CHECKPOINTS_PATH = '/v1/audit/checkpoints'

/** Most checkpoints one request may carry; the kiosk sends older ones first, in batches. */
export const AUDIT_CHECKPOINT_BATCH_MAX = 100

const IsoTimeSchema = z.string().datetime({ offset: true })
const SignatureSchema = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/)
const SeqSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)

export const AuditCheckpointSchema = z
  .object({
    terminalId: TerminalIdSchema,
    /** keyId of the terminal key that signed it. */
    keyId: KeyIdSchema,
    /** The last audit entry it covers; it covers 1..seq. */
    seq: SeqSchema,
    /** The chain's hash at `seq`. */
    head: Sha256HexSchema,
    /** How many entries the log held in 1..seq when it was made (equals seq for an intact log). */
    count: SeqSchema,
    at: IsoTimeSchema,
    /** auditCheckpointHash of the previous checkpoint, or GENESIS_CHECKPOINT_HASH. */
    prevCheckpoint: Sha256HexSchema,
    signature: SignatureSchema,
  })
  .strict()
export type AuditCheckpoint = z.infer<typeof AuditCheckpointSchema>
export type AuditCheckpointFields = Omit<AuditCheckpoint, 'signature'>

export const AuditCheckpointsRequestSchema = z
  .object({
    checkpoints: z.array(AuditCheckpointSchema).min(1).max(AUDIT_CHECKPOINT_BATCH_MAX),
  })
  .strict()
export type AuditCheckpointsRequest = z.infer<typeof AuditCheckpointsRequestSchema>

/** The upstream's signed acknowledgement: it holds this terminal's checkpoints up to `seq`. */
export const AuditAckSchema = z
  .object({
    terminalId: TerminalIdSchema,
    seq: SeqSchema,
    head: Sha256HexSchema,
    checkpointHash: Sha256HexSchema,
    at: IsoTimeSchema,
    /** keyId of the upstream signing key that made `signature`. */
    keyId: KeyIdSchema,
    signature: SignatureSchema,
  })
  .strict()
export type AuditAck = z.infer<typeof AuditAckSchema>
export type AuditAckFields = Omit<AuditAck, 'signature' | 'keyId'>

export const AuditCheckpointsResponseSchema = z.object({ ack: AuditAckSchema }).strict()
export type AuditCheckpointsResponse = z.infer<typeof AuditCheckpointsResponseSchema>

/**
 * The bytes a checkpoint's signature covers: these lines joined by "\n", no trailing newline:
 * KIOSK-AUDIT-CHECKPOINT-V1, terminalId, keyId, seq, head, count, at, prevCheckpoint.
 */
export function auditCheckpointBytes(fields: AuditCheckpointFields): Buffer {
  const lines = [
    AUDIT_CHECKPOINT_SCHEME,
    fields.terminalId,
    fields.keyId,
    String(fields.seq),
    fields.head,
    String(fields.count),
    fields.at,
    fields.prevCheckpoint,
  ]
  return Buffer.from(lines.join('\n'), 'utf8')
}

/** SHA-256 (hex) of the checkpoint's signed bytes: what the next checkpoint names. */
export function auditCheckpointHash(fields: AuditCheckpointFields): string {
  return sha256Hex(auditCheckpointBytes(fields))
}

export function signAuditCheckpoint(
  fields: AuditCheckpointFields,
  privateKey: KeyObject,
): AuditCheckpoint {
  return { ...fields, signature: signBytes(auditCheckpointBytes(fields), privateKey) }
}

/** True when `checkpoint` is signed by `publicKey` (the terminal key its keyId names). */
export function verifyAuditCheckpoint(checkpoint: AuditCheckpoint, publicKey: KeyObject): boolean {
  return verifyBytes(auditCheckpointBytes(checkpoint), checkpoint.signature, publicKey)
}

/**
 * The bytes an acknowledgement's signature covers: lines joined by "\n", no trailing newline:
 * KIOSK-AUDIT-ACK-V1, terminalId, seq, head, checkpointHash, at, keyId.
 */
export function auditAckBytes(fields: AuditAckFields & { keyId: string }): Buffer {
  const lines = [
    AUDIT_ACK_SCHEME,
    fields.terminalId,
    String(fields.seq),
    fields.head,
    fields.checkpointHash,
    fields.at,
    fields.keyId,
  ]
  return Buffer.from(lines.join('\n'), 'utf8')
}

/** The upstream signs an acknowledgement with its Ed25519 `signing` key. */
export function signAuditAck(
  fields: AuditAckFields,
  privateKey: KeyObject,
  keyId: string,
): AuditAck {
  return { ...fields, keyId, signature: signBytes(auditAckBytes({ ...fields, keyId }), privateKey) }
}

export function verifyAuditAck(ack: AuditAck, upstreamSigningKey: KeyObject): boolean {
  return verifyBytes(auditAckBytes(ack), ack.signature, upstreamSigningKey)
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string }

function parsedWith<S extends z.ZodType>(schema: S, json: unknown): Parsed<z.output<S>> {
  const result = safeParse(schema, json)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, detail: result.error.issues.map((i) => i.message).join('; ') }
}

/** A request body as the upstream receives it (already JSON-decoded); never throws. */
export function parseAuditCheckpointsRequest(json: unknown): Parsed<AuditCheckpointsRequest> {
  return parsedWith(AuditCheckpointsRequestSchema, json)
}

/** An answer as the kiosk receives it; never throws. */
export function parseAuditCheckpointsResponse(json: unknown): Parsed<AuditCheckpointsResponse> {
  return parsedWith(AuditCheckpointsResponseSchema, json)
}
