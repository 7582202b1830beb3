import { z } from 'zod'

/** The freeze rules; each one's sentence is `messages.freeze.<code>` in the catalogue. */
export const freezeCodes = [
  'not-registered',
  'disk-low',
  'too-many-unsynced',
  'sync-overdue',
] as const

/** Why new enrollments are refused right now; `message` is "Vietnamese / English: detail". */
export const FreezeReasonSchema = z.object({
  code: z.enum(freezeCodes),
  message: z.string(),
})

/** What the queue screen and the station home show about the outbox and sync. Ids only, no PII. */
export const QueueStatusSchema = z.object({
  counts: z.object({
    total: z.number().int(),
    queued: z.number().int(),
    sent: z.number().int(),
    dead: z.number().int(),
    received: z.number().int(),
    approved: z.number().int(),
    rejected: z.number().int(),
  }),
  bytesOnDisk: z.number().int(),
  oldestQueuedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sync: z.object({
    online: z.boolean().nullable(),
    lastPassAt: z.string().nullable(),
    lastSuccessAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  freeze: FreezeReasonSchema.nullable(),
  terminal: z.object({
    id: z.string(),
    keyId: z.string(),
    registered: z.boolean(),
    upstreamId: z.string().nullable(),
  }),
})
export type QueueStatus = z.infer<typeof QueueStatusSchema>

export const QueueItemSchema = z.object({
  fileId: z.string(),
  size: z.number().int(),
  submittedAt: z.string(),
  state: z.enum(['queued', 'sent', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  deadReason: z.string().nullable(),
  upstreamState: z.enum(['received', 'approved', 'rejected']).nullable(),
  upstreamReason: z.string().nullable(),
  simulated: z.boolean(),
})
export type QueueItem = z.infer<typeof QueueItemSchema>

export const SyncPassSummarySchema = z.object({
  online: z.boolean(),
  sent: z.number().int(),
  failed: z.number().int(),
  dead: z.number().int(),
  statusUpdates: z.number().int(),
  stoppedBecause: z.string().nullable(),
})

/**
 * Pushed while a file's body uploads, after each chunk the upstream confirms: ids and byte counts
 * only, so it may go to every window.
 */
export const SyncProgressEventSchema = z.object({
  fileId: z.string(),
  bytesSent: z.number().int().nonnegative(),
  bytesTotal: z.number().int().nonnegative(),
})
export type SyncProgress = z.infer<typeof SyncProgressEventSchema>
