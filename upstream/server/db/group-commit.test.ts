import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { coalescedSync, createGroupCommit } from './group-commit'

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

function database() {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (v INTEGER UNIQUE)')
  return db
}

describe('group commit', () => {
  it('answers each write after a sync that started after its commit, sharing syncs', async () => {
    const db = database()
    const wal = manualSync()
    const commit = createGroupCommit(db, wal.sync)
    const settled: number[] = []
    const insert = (v: number) => () => db.prepare('INSERT INTO t VALUES (?)').run(v).changes * v
    const first = commit(insert(1)).then((v) => settled.push(v))
    // Committed at once, answered only after the sync.
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1)
    await Promise.resolve()
    expect(wal.started).toHaveLength(1)
    const second = commit(insert(2)).then((v) => settled.push(v))
    const third = commit(insert(3)).then((v) => settled.push(v))
    await Promise.resolve()
    // 2 and 3 committed while sync 1 ran: they wait for one more sync, shared.
    expect(wal.started).toHaveLength(1)
    await wal.finish(0)
    await first
    expect(settled).toEqual([1])
    expect(wal.started).toHaveLength(2)
    await wal.finish(1)
    await Promise.all([second, third])
    expect(settled).toEqual([1, 2, 3])
    expect(wal.started).toHaveLength(2)
  })

  it('refuses a write that fails without syncing or touching the others', async () => {
    const db = database()
    const wal = manualSync()
    const commit = createGroupCommit(db, wal.sync)
    const insert = (v: number) => () => db.prepare('INSERT INTO t VALUES (?)').run(v).changes
    const ok = commit(insert(1))
    await expect(commit(insert(1))).rejects.toThrow(/UNIQUE/)
    await Promise.resolve()
    await wal.finish(0)
    expect(await ok).toBe(1)
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual([1])
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
