import type { SyncServiceDeps } from './sync-types'

const RETENTION_BATCH = 500
const DAY_MS = 86_400_000

/** Deletes the bodies of files sent more than `retentionDays` ago (their receipts stay). */
export function applyRetention(
  deps: Pick<SyncServiceDeps, 'queue' | 'outbox' | 'settings' | 'now'>,
): number {
  const cutoff = new Date(deps.now().getTime() - deps.settings.retentionDays * DAY_MS).toISOString()
  let deleted = 0
  for (;;) {
    const due = deps.queue.retentionDue(cutoff, RETENTION_BATCH)
    for (const fileId of due) {
      deps.outbox.remove(fileId)
      deps.queue.markBodyDeleted(fileId, deps.now().toISOString())
      deleted++
    }
    if (due.length < RETENTION_BATCH) return deleted
  }
}
