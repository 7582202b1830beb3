import type { SqliteDatabase } from '../../../electron/core/store'
import { durably } from './database'

/** Queues writes that must be on disk before they are answered; see `createGroupCommit`. */
export type GroupCommit = <T>(work: () => T) => Promise<T>

/**
 * Group commit: writes queued during one turn of the event loop are committed together, in one
 * synced transaction, so parallel uploads share one fsync instead of paying one each. Each
 * promise settles only after the commit that holds its write is on disk. If the batch fails, each
 * write is retried alone, so one bad write cannot take the others down with it.
 */
export function createGroupCommit(db: SqliteDatabase): GroupCommit {
  type Pending = {
    work: () => unknown
    resolve: (value: unknown) => void
    reject: (e: unknown) => void
  }
  let pending: Pending[] = []

  function flush() {
    const batch = pending
    pending = []
    let results: unknown[]
    try {
      results = durably(db, () => batch.map((p) => p.work()))
    } catch {
      for (const p of batch) {
        try {
          p.resolve(durably(db, p.work))
        } catch (error) {
          p.reject(error)
        }
      }
      return
    }
    batch.forEach((p, i) => p.resolve(results[i]))
  }

  return <T>(work: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush)
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject })
    })
}
