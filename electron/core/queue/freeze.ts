import type { FreezeLimits } from '../config'

export type FreezeCode = 'not-registered' | 'disk-low' | 'too-many-unsynced' | 'sync-overdue'

/** Why the station refuses new enrollments right now, in both languages. */
export interface FreezeReason {
  code: FreezeCode
  /** "Vietnamese / English: detail", fit to show an officer. */
  message: string
}

export interface FreezeFacts {
  registered: boolean
  freeDiskBytes: number
  unsyncedFiles: number
  /** The last sync pass that reached the upstream, or the registration time if none yet. */
  lastSyncAt: string | null
  now: Date
}

const MB = 1024 * 1024

/**
 * The freeze rules: no upstream registration, too little disk, too many files waiting, or too long
 * since sync last reached the upstream. The first rule that applies wins.
 */
export function evaluateFreeze(facts: FreezeFacts, limits: FreezeLimits): FreezeReason | null {
  if (!facts.registered)
    return {
      code: 'not-registered',
      message:
        'Trạm chưa đăng ký với máy chủ / This station is not registered with an upstream: run "kiosk terminal register CODE"',
    }
  if (facts.freeDiskBytes < limits.minFreeDiskMb * MB)
    return {
      code: 'disk-low',
      message: `Ổ đĩa sắp đầy / Disk space is low: ${Math.floor(facts.freeDiskBytes / MB)} MB free, ${limits.minFreeDiskMb} MB needed`,
    }
  if (facts.unsyncedFiles >= limits.maxUnsyncedFiles)
    return {
      code: 'too-many-unsynced',
      message: `Quá nhiều hồ sơ chưa gửi / Too many files waiting to be sent: ${facts.unsyncedFiles} (limit ${limits.maxUnsyncedFiles})`,
    }
  if (facts.lastSyncAt !== null) {
    const hours = (facts.now.getTime() - Date.parse(facts.lastSyncAt)) / 3_600_000
    if (hours > limits.maxHoursSinceSync)
      return {
        code: 'sync-overdue',
        message: `Quá lâu chưa đồng bộ / Too long since the last sync: ${Math.floor(hours)} h (limit ${limits.maxHoursSinceSync} h)`,
      }
  }
  return null
}
