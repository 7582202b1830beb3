import { bilingualLine, messageRef } from '../../../lib/messages'
import type { freezeCodes } from '../../contract'
import type { FreezeLimits } from '../config'

export type FreezeCode = (typeof freezeCodes)[number]

/** Why the station refuses new enrollments right now, in both languages. */
export interface FreezeReason {
  code: FreezeCode
  /**
   * "Vietnamese / English: detail", fit to show an officer: the sentence of `messages.freeze.<code>`
   * and the figures in English for support.
   */
  message: string
}

function reason(code: FreezeCode, detail?: string): FreezeReason {
  return { code, message: bilingualLine(messageRef(`messages.freeze.${code}`), detail) }
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
    return reason(
      'disk-low',
      `${Math.floor(facts.freeDiskBytes / MB)} MB free, ${limits.minFreeDiskMb} MB needed`,
    )
  if (facts.unsyncedFiles >= limits.maxUnsyncedFiles)
    return reason('too-many-unsynced', `${facts.unsyncedFiles} (limit ${limits.maxUnsyncedFiles})`)
  if (facts.lastSyncAt !== null) {
    const hours = (facts.now.getTime() - Date.parse(facts.lastSyncAt)) / 3_600_000
    if (hours > limits.maxHoursSinceSync)
      return reason('sync-overdue', `${Math.floor(hours)} h (limit ${limits.maxHoursSinceSync} h)`)
  }
  return null
}
