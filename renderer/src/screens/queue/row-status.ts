import type { QueueItem, SyncProgress } from '../../../../electron/contract'

/** What the queue screen says of one file; each has a label `queue.status.<status>`. */
export const queueRowStatuses = [
  'queued',
  'uploading',
  'sent',
  'received',
  'approved',
  'rejected',
  'dead',
] as const
export type QueueRowStatus = (typeof queueRowStatuses)[number]

/**
 * A file's status: the upstream's word once it has one (received, approved, rejected), else the
 * outbox state, with a queued file "uploading" while the sync service reports its bytes.
 */
export function rowStatus(item: QueueItem, progress: SyncProgress | undefined): QueueRowStatus {
  if (item.upstreamState) return item.upstreamState
  if (item.state === 'queued') return progress ? 'uploading' : 'queued'
  return item.state
}

/** Whole percent sent, never above 100; an empty body counts as sent. */
export function percentSent({ bytesSent, bytesTotal }: SyncProgress): number {
  if (bytesTotal <= 0) return 100
  return Math.min(100, Math.floor((bytesSent * 100) / bytesTotal))
}
