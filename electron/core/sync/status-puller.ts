import type { StatusItem } from '../../../protocol'
import type { UpstreamClient } from './client'
import type { SyncServiceDeps } from './sync-types'

/** A guard against an upstream whose feed never says it has no more. */
const MAX_STATUS_PAGES = 1000

/**
 * Pulls the upstream's status feed from the stored cursor and applies it page by page (each page
 * and its cursor in one transaction). Returns how many files changed state.
 */
export function createStatusPuller(
  deps: Pick<SyncServiceDeps, 'db' | 'queue' | 'audit' | 'syncState' | 'settings'>,
): (client: UpstreamClient) => Promise<number> {
  const applyPage = deps.db.transaction((items: StatusItem[], cursor: string): number => {
    let applied = 0
    for (const item of items) {
      if (!deps.queue.setUpstreamState(item.fileId, item.state, item.reason ?? null, item.at))
        continue
      applied++
      if (item.state !== 'received')
        deps.audit.append({ actor: 'upstream', action: `file.${item.state}`, subject: item.fileId })
    }
    deps.syncState.setCursor(cursor)
    return applied
  })

  return async (client) => {
    let applied = 0
    for (let page = 0; page < MAX_STATUS_PAGES; page++) {
      const feed = await client.status(
        deps.syncState.get().statusCursor ?? undefined,
        deps.settings.statusPageSize,
      )
      applied += applyPage.immediate(feed.items, feed.cursor)
      if (!feed.more) break
    }
    return applied
  }
}
