import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createGroupCommit } from './group-commit'

function database() {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (v INTEGER UNIQUE)')
  let commits = 0
  const transaction = db.transaction.bind(db)
  // Count the transactions the group commit opens.
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const wrapped = transaction(fn)
    return Object.assign((...args: never[]) => {
      commits++
      return wrapped(...args)
    }, wrapped)
  }) as typeof db.transaction
  return { db, commits: () => commits }
}

describe('group commit', () => {
  it('commits writes queued in the same turn together and answers each its own result', async () => {
    const { db, commits } = database()
    const commit = createGroupCommit(db)
    const insert = (v: number) => () => db.prepare('INSERT INTO t VALUES (?)').run(v).changes * v
    const results = await Promise.all([commit(insert(1)), commit(insert(2)), commit(insert(3))])
    expect(results).toEqual([1, 2, 3])
    expect(commits()).toBe(1)
    expect(await commit(insert(4))).toBe(4)
    expect(commits()).toBe(2)
  })

  it('retries alone after a failed batch: only the failing write is refused', async () => {
    const { db } = database()
    const commit = createGroupCommit(db)
    const insert = (v: number) => () => db.prepare('INSERT INTO t VALUES (?)').run(v).changes
    const outcomes = await Promise.allSettled([
      commit(insert(1)),
      commit(insert(1)),
      commit(insert(2)),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual([1, 2])
  })
})
