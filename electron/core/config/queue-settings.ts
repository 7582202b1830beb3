import { z } from 'zod'

/** How the outbox syncs; set in config.json under `sync`. Every field has a default. */
export const SyncSettingsSchema = z
  .object({
    /** Bytes per PUT; the upstream's maximum is 8 MiB. */
    chunkSize: z
      .number()
      .int()
      .min(1024)
      .max(8 * 1024 * 1024),
    /** First retry delay; doubles per attempt, with jitter, up to backoffMaxMs. */
    backoffBaseMs: z.number().int().min(1),
    backoffMaxMs: z.number().int().min(1),
    /**
     * Permanent failures of one file that the upstream did not answer as a refusal (a receipt that
     * does not verify) before it moves to the dead-letter state. A permanent refusal from the
     * upstream, or a body damaged on this station, dead-letters the file at once.
     */
    deadLetterAfter: z.number().int().min(1).max(100),
    /** Days after the receipt before the encrypted body is deleted (receipts are kept). */
    retentionDays: z.number().min(0),
    requestTimeoutMs: z.number().int().min(100),
    /** Time between background passes while online, and between probes while offline. */
    intervalMs: z.number().int().min(100),
    statusPageSize: z.number().int().min(1).max(500),
    /** Files uploaded at the same time in one pass. */
    parallelUploads: z.number().int().min(1).max(16),
  })
  .strict()
export type SyncSettings = z.infer<typeof SyncSettingsSchema>

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  chunkSize: 1024 * 1024,
  backoffBaseMs: 5_000,
  backoffMaxMs: 60 * 60 * 1000,
  deadLetterAfter: 3,
  retentionDays: 30,
  requestTimeoutMs: 30_000,
  intervalMs: 30_000,
  statusPageSize: 200,
  parallelUploads: 4,
}

/** When the station refuses new enrollments; set in config.json under `freeze`. */
export const FreezeLimitsSchema = z
  .object({
    minFreeDiskMb: z.number().min(0),
    maxUnsyncedFiles: z.number().int().min(1),
    maxHoursSinceSync: z.number().min(0),
  })
  .strict()
export type FreezeLimits = z.infer<typeof FreezeLimitsSchema>

export const DEFAULT_FREEZE_LIMITS: FreezeLimits = {
  minFreeDiskMb: 500,
  maxUnsyncedFiles: 1000,
  maxHoursSinceSync: 72,
}
