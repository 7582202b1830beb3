import { createSyncPass } from './sync-pass'
import { emptyPassResult, type SyncPassResult, type SyncServiceDeps } from './sync-types'

export type { SyncPassResult, SyncServiceDeps } from './sync-types'

export interface SyncService {
  /** One pass: probe, upload what is due, pull the status feed, apply retention. Never throws. */
  runPass(options?: { maxFiles?: number }): Promise<SyncPassResult>
  /**
   * Passes until no file is queued, waiting for each next attempt time in between. Stops early
   * when `shouldStop` says so (a signal, or a deadline).
   */
  runUntilEmpty(options?: {
    shouldStop?: () => boolean
    sleep?: (ms: number) => Promise<void>
    onPass?: (result: SyncPassResult) => void
  }): Promise<SyncPassResult[]>
  /** Puts a dead-lettered file back in the queue. */
  retry(fileId: string, actor: string): boolean
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { queue, settings } = deps
  const pass = createSyncPass(deps)
  let running: Promise<SyncPassResult> | null = null

  /** How long to wait before the next pass of runUntilEmpty: a rate limit's wait at least. */
  const waitAfter = (result: SyncPassResult): number => {
    const { nextAttemptAt } = queue.summary()
    const wait = result.online
      ? Math.max(0, Date.parse(nextAttemptAt ?? '') - deps.now().getTime())
      : settings.intervalMs
    const due = Math.min(Number.isFinite(wait) ? wait : settings.intervalMs, settings.backoffMaxMs)
    return Math.max(due, result.retryAfterMs ?? 0)
  }

  const service: SyncService = {
    runPass(options = {}) {
      // One pass at a time: the scheduler and an officer's "sync now" share it.
      running ??= pass(options.maxFiles ?? Number.MAX_SAFE_INTEGER)
        .catch((error: unknown): SyncPassResult => {
          deps.log.error('sync pass failed', { error: String(error) })
          return emptyPassResult(String(error))
        })
        .finally(() => {
          running = null
        })
      return running
    },
    async runUntilEmpty(options = {}) {
      const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
      const results: SyncPassResult[] = []
      for (;;) {
        const result = await service.runPass()
        results.push(result)
        options.onPass?.(result)
        if (queue.summary().queued === 0 || options.shouldStop?.()) return results
        await sleep(waitAfter(result))
        if (options.shouldStop?.()) return results
      }
    },
    retry(fileId, actor) {
      const at = deps.now().toISOString()
      const done = deps.db.transaction(() => {
        if (!queue.requeue(fileId, at)) return false
        deps.audit.append({ actor, action: 'file.requeued', subject: fileId })
        return true
      })()
      if (done) deps.onChange?.()
      return done
    },
  }
  return service
}
