import { z } from 'zod'

/** When the station signs an audit checkpoint; set in config.json under `audit`. */
export const AuditSettingsSchema = z
  .object({
    /** A checkpoint after this many entries not yet covered by one. */
    checkpointEvery: z.number().int().min(1).max(100_000),
    /** And at least this often while entries are added (hours). */
    checkpointMaxAgeHours: z
      .number()
      .min(1)
      .max(24 * 7),
  })
  .strict()
export type AuditSettings = z.infer<typeof AuditSettingsSchema>

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = {
  checkpointEvery: 200,
  checkpointMaxAgeHours: 24,
}
