import { bilingualMessage } from '../../../lib/messages'
import type { freezeCodes } from '../../contract'
import type { FreezeLimits } from '../config'

export type FreezeCode = (typeof freezeCodes)[number]

/** Why the station refuses new enrollments right now, in both languages. */
export interface FreezeReason {
  code: FreezeCode
  /** "Vietnamese / English: detail", fit to show an officer; from `messages.freeze.<code>`. */
  message: string
  /** The values of the sentence's placeholders. */
  params?: Record<string, number>
}

function reason(code: FreezeCode, params: Record<string, number> = {}): FreezeReason {
  return { code, message: bilingualMessage(`messages.freeze.${code}`, params), params }
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
  if (!facts.registered) return reason('not-registered')
  if (facts.freeDiskBytes < limits.minFreeDiskMb * MB)
    return reason('disk-low', {
      freeMb: Math.floor(facts.freeDiskBytes / MB),
      neededMb: limits.minFreeDiskMb,
    })
  if (facts.unsyncedFiles >= limits.maxUnsyncedFiles)
    return reason('too-many-unsynced', {
      count: facts.unsyncedFiles,
      limit: limits.maxUnsyncedFiles,
    })
  if (facts.lastSyncAt !== null) {
    const hours = (facts.now.getTime() - Date.parse(facts.lastSyncAt)) / 3_600_000
    if (hours > limits.maxHoursSinceSync)
      return reason('sync-overdue', { hours: Math.floor(hours), limit: limits.maxHoursSinceSync })
  }
  return null
}
