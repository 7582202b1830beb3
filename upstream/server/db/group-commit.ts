import { open, type FileHandle } from 'node:fs/promises'

/**
 * Durable commits without blocking the event loop, shared between concurrent requests: the
 * SQLite store's `durably` (sqlite-store.ts) commits, then awaits a `coalescedSync`.
 *
 * The database runs with `synchronous = NORMAL` (see database.ts): a commit appends its frames to
 * the WAL without syncing. `syncWal` then syncs the WAL file, which is exactly what SQLite's
 * `synchronous = FULL` does after each commit in WAL mode; checkpoints sync the WAL before copying
 * from it. The sync runs on libuv's thread pool, so other requests proceed meanwhile, and one
 * sync covers every commit made before it started: requests that commit while a sync is running
 * share the next one (group commit).
 */

/**
 * `syncWal` shared between callers. Called, it resolves once a sync that started after the call
 * has finished, so every commit made before the call is on disk; concurrent callers share one
 * sync, and at most one more waits behind a running one.
 */
export interface CommittedSync {
  (): Promise<void>
  /** A mark of this moment, for `since`: take it right after the commit to be made durable. */
  mark(): number
  /**
   * Resolves once every commit made before `mark` is on disk: at once when a sync that started
   * after the mark has finished since (a receipt's, say), else with the next shared sync.
   */
  since(mark: number): Promise<void>
}

export function coalescedSync(syncWal: () => Promise<void>): CommittedSync {
  let started = 0
  let finished = 0
  let running: { index: number; done: Promise<void> } | null = null
  let next: Promise<void> | null = null

  function sync(): Promise<void> {
    if (!running) {
      const index = ++started
      const done = syncWal()
        .then(() => {
          finished = Math.max(finished, index)
        })
        .finally(() => {
          running = null
        })
      running = { index, done }
      return done
    }
    // The running sync may have started before our commit: wait for one that starts after it.
    next ??= running.done.then(
      () => {
        next = null
        return sync()
      },
      () => {
        next = null
        return sync()
      },
    )
    return next
  }
  return Object.assign(sync, {
    mark: () => started,
    since(mark: number): Promise<void> {
      if (finished > mark) return Promise.resolve()
      if (running && running.index > mark) return running.done
      return sync()
    },
  })
}

/** Syncs the database's WAL file (`<file>-wal`), opened once and kept open. */
export function walSyncer(databaseFile: string): { sync(): Promise<void>; close(): Promise<void> } {
  let handle: Promise<FileHandle> | null = null
  return {
    async sync() {
      handle ??= open(`${databaseFile}-wal`, 'r+')
      await (await handle).sync()
    },
    async close() {
      if (handle) await (await handle).close()
      handle = null
    },
  }
}
