import { z } from 'zod'
import type { ScryptCost } from './password-hash'

/** Lockout, idle lock and setup-code lifetime: the config file's `officers` section. */
export const OfficerSettingsSchema = z
  .object({
    maxFailedAttempts: z.number().int().min(1).max(100),
    lockoutMinutes: z
      .number()
      .positive()
      .max(24 * 60),
    idleLockMinutes: z
      .number()
      .positive()
      .max(24 * 60),
    setupCodeMinutes: z
      .number()
      .positive()
      .max(24 * 60),
  })
  .strict()
export type OfficerSettings = z.infer<typeof OfficerSettingsSchema>

export const DEFAULT_OFFICER_SETTINGS: OfficerSettings = {
  maxFailedAttempts: 5,
  lockoutMinutes: 15,
  idleLockMinutes: 2,
  setupCodeMinutes: 15,
}

export interface OfficerPolicy extends OfficerSettings {
  /** The scrypt cost (tests lower it; the station keeps STATION_SCRYPT_COST). */
  cost: ScryptCost
}
