import { statfsSync } from 'node:fs'
import type { QueueItem, QueueStatus } from '../../contract'
import type { FreezeLimits } from '../config'
import type {
  QueueEntry,
  QueueRepository,
  SyncStateRepository,
  TerminalRegistrationRepository,
} from '../store'
import { evaluateFreeze, type FreezeReason } from './freeze'
import type { QueueServicesDeps } from './queue-deps'

export function statfsFreeBytes(dir: string): number {
  const stats = statfsSync(dir)
  return Number(stats.bavail) * Number(stats.bsize)
}

/** A queue row as the queue screen lists it. */
export function itemOf(e: QueueEntry): QueueItem {
  return {
    fileId: e.fileId,
    size: e.size,
    submittedAt: e.submittedAt,
    state: e.state,
    attempts: e.attempts,
    nextAttemptAt: e.nextAttemptAt,
    lastError: e.lastError,
    deadReason: e.deadReason,
    upstreamState: e.upstreamState,
    upstreamReason: e.upstreamReason,
    simulated: e.simulated,
  }
}

export interface QueueStatusSources {
  queue: QueueRepository
  syncState: SyncStateRepository
  registrations: TerminalRegistrationRepository
  limits: FreezeLimits
}

/** What the queue screen shows, and whether a freeze rule refuses new files now. */
export function createQueueStatus(
  deps: Pick<QueueServicesDeps, 'dataDir' | 'stationId' | 'keys' | 'now' | 'freeDiskBytes'>,
  { queue, syncState, registrations, limits }: QueueStatusSources,
): { freezeReason(): FreezeReason | null; status(): QueueStatus } {
  const freeDisk = deps.freeDiskBytes ?? statfsFreeBytes

  const freezeReason = () => {
    const registration = registrations.get()
    return evaluateFreeze(
      {
        registered: registration !== undefined,
        freeDiskBytes: freeDisk(deps.dataDir),
        unsyncedFiles: queue.unsyncedCount(),
        lastSyncAt: syncState.get().lastSuccessAt ?? registration?.registeredAt ?? null,
        now: deps.now(),
      },
      limits,
    )
  }

  const status = (): QueueStatus => {
    // Read fresh each time (one indexed row): another process (`kiosk terminal register`) may change it.
    const registration = registrations.get()
    const summary = queue.summary()
    const state = syncState.get()
    return {
      counts: {
        total: summary.total,
        queued: summary.queued,
        sent: summary.sent,
        dead: summary.dead,
        received: summary.received,
        approved: summary.approved,
        rejected: summary.rejected,
      },
      bytesOnDisk: summary.bytesOnDisk,
      oldestQueuedAt: summary.oldestQueuedAt,
      nextAttemptAt: summary.nextAttemptAt,
      sync: {
        online: state.online,
        lastPassAt: state.lastPassAt,
        lastSuccessAt: state.lastSuccessAt,
        lastError: state.lastError,
      },
      freeze: freezeReason(),
      terminal: {
        id: deps.stationId,
        keyId: deps.keys.terminal.keyId,
        registered: registration !== undefined,
        upstreamId: registration?.upstreamId ?? null,
      },
    }
  }

  return { freezeReason, status }
}
