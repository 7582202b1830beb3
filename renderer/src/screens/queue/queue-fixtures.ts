// Queue status and items as the core sends them, for the home and queue component tests.
import type { QueueItem, QueueStatus } from '../../../../electron/contract'

type StatusOverrides = Partial<Omit<QueueStatus, 'terminal' | 'sync' | 'counts'>> & {
  terminal?: Partial<QueueStatus['terminal']>
  sync?: Partial<QueueStatus['sync']>
  counts?: Partial<QueueStatus['counts']>
}

/** A registered, unfrozen station that synced once; any part overridable. */
export function queueStatus(overrides: StatusOverrides = {}): QueueStatus {
  const { terminal, sync, counts, ...rest } = overrides
  return {
    counts: {
      total: 0,
      queued: 0,
      sent: 0,
      dead: 0,
      received: 0,
      approved: 0,
      rejected: 0,
      ...counts,
    },
    bytesOnDisk: 0,
    oldestQueuedAt: null,
    nextAttemptAt: null,
    sync: {
      online: true,
      lastPassAt: '2026-12-02T07:00:00.000Z',
      lastSuccessAt: '2026-12-02T07:00:00.000Z',
      lastError: null,
      ...sync,
    },
    freeze: null,
    terminal: {
      id: 'station-42',
      keyId: 'k1',
      registered: true,
      upstreamId: 'upstream-1',
      ...terminal,
    },
    ...rest,
  }
}

/** The n-th file id: a valid UUID, distinct per n. */
export const fileIdOf = (n: number): string =>
  `6f1c2a9e-3b7d-4c5e-9a81-${n.toString(16).padStart(12, '0')}`

/** A queued file submitted n minutes after 07:00 UTC; any field overridable. */
export function queueItem(n: number, overrides: Partial<QueueItem> = {}): QueueItem {
  const minutes = String(n % 60).padStart(2, '0')
  return {
    fileId: fileIdOf(n),
    size: 1000,
    submittedAt: `2026-12-02T07:${minutes}:00.000Z`,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: `2026-12-02T07:${minutes}:00.000Z`,
    lastError: null,
    deadReason: null,
    upstreamState: null,
    upstreamReason: null,
    simulated: false,
    ...overrides,
  }
}
