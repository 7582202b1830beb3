import { describe, expect, it } from 'vitest'
import type { SqliteDatabase } from '../../../lib/sqlite'
import { terminal } from './contract/registry-contract'
import { coalescedSync } from './group-commit'
import { sqliteStore } from './sqlite-store'
import { upstreamDatabaseAtVersion } from './test-helpers'

/** A WAL sync the test finishes by hand, counting how many were started. */
function manualSync() {
  const started: (() => void)[] = []
  return {
    sync: () => new Promise<void>((resolve) => started.push(resolve)),
    started,
    finish: async (index: number) => {
      started[index]!()
      // Let the promise chains run.
      for (let i = 0; i < 5; i++) await Promise.resolve()
    },
  }
}

/** The SQLite store on an in-memory database, its WAL syncs those of `wal`. */
function storeOn(wal: ReturnType<typeof manualSync>) {
  const db = upstreamDatabaseAtVersion()
  const store = sqliteStore(db, {
    outboxKeys: { key: Buffer.alloc(32, 7), randomBytes: (n) => Buffer.alloc(n, 1) },
    syncCommitted: coalescedSync(wal.sync),
    close: async () => {
      db.close()
    },
  })
  return { db, store }
}

const count = (db: SqliteDatabase) => db.prepare('SELECT count(*) FROM terminals').pluck().get()

describe("group commit (the SQLite store's durably)", () => {
  it('answers each write after a sync that started after its commit, sharing syncs', async () => {
    const wal = manualSync()
    const { db, store } = storeOn(wal)
    const settled: string[] = []
    const commit = (id: string) =>
      store.durably((repos) => repos.terminals.upsert(terminal(id))).then(() => settled.push(id))
    const first = commit('T-1')
    for (let i = 0; i < 5; i++) await Promise.resolve()
    // Committed at once, answered only after the sync.
    expect(count(db)).toBe(1)
    expect(wal.started).toHaveLength(1)
    const second = commit('T-2')
    const third = commit('T-3')
    for (let i = 0; i < 5; i++) await Promise.resolve()
    // 2 and 3 committed while sync 1 ran: they wait for one more sync, shared.
    expect(count(db)).toBe(3)
    expect(wal.started).toHaveLength(1)
    await wal.finish(0)
    await first
    expect(settled).toEqual(['T-1'])
    expect(wal.started).toHaveLength(2)
    await wal.finish(1)
    await Promise.all([second, third])
    expect(settled).toEqual(['T-1', 'T-2', 'T-3'])
    expect(wal.started).toHaveLength(2)
  })

  it('refuses a write that fails without syncing or touching the others', async () => {
    const wal = manualSync()
    const { db, store } = storeOn(wal)
    const ok = store.durably((repos) => repos.terminals.upsert(terminal('T-1')))
    const failing = store.durably(async (repos) => {
      await repos.terminals.upsert(terminal('T-2'))
      throw new Error('refused')
    })
    await expect(failing).rejects.toThrow('refused')
    await wal.finish(0)
    await ok
    expect(wal.started).toHaveLength(1)
    expect(db.prepare('SELECT terminal_id FROM terminals').pluck().all()).toEqual(['T-1'])
  })

  it('makes a commit durable with the first sync that started after its mark', async () => {
    const wal = manualSync()
    const sync = coalescedSync(wal.sync)
    const running = sync()
    // Committed while sync 1 runs: sync 1 does not cover it, a new one is started after it.
    const mark = sync.mark()
    let durable = false
    const waited = sync.since(mark).then(() => (durable = true))
    await wal.finish(0)
    await running
    expect(durable).toBe(false)
    expect(wal.started).toHaveLength(2)
    await wal.finish(1)
    await waited
    expect(durable).toBe(true)
    // A sync that started after the mark and has finished (a receipt's) covers it at once.
    const later = sync.mark()
    const receipt = sync()
    await wal.finish(2)
    await receipt
    await sync.since(later)
    expect(wal.started).toHaveLength(3)
  })
})
