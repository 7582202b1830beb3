import { afterAll, describe, expect, it } from 'vitest'
import { storeContract } from './contract/store-contract'
import { terminal } from './contract/registry-contract'
import { coalescedSync } from './group-commit'
import { sqliteStore } from './sqlite-store'
import type { UpstreamStore } from './store'
import { upstreamDatabaseAtVersion } from './test-helpers'

const opened: UpstreamStore[] = []
afterAll(async () => {
  for (const store of opened.splice(0)) await store.close()
})

/** An in-memory database whose WAL syncs are counted. */
function openStore(syncs = { count: 0 }) {
  const db = upstreamDatabaseAtVersion()
  const store = sqliteStore(db, {
    outboxKeys: { key: Buffer.alloc(32, 7), randomBytes: (n) => Buffer.alloc(n, 1) },
    syncCommitted: coalescedSync(async () => {
      syncs.count++
    }),
    close: async () => {
      db.close()
    },
  })
  opened.push(store)
  return store
}

describe('the SQLite store', () => {
  storeContract(async () => openStore())

  it('syncs the WAL for `durably` and not for a plain transaction', async () => {
    const syncs = { count: 0 }
    const store = openStore(syncs)
    await store.transaction((repos) => repos.terminals.upsert(terminal('T-1')))
    expect(syncs.count).toBe(0)
    await store.durably((repos) => repos.terminals.upsert(terminal('T-2')))
    expect(syncs.count).toBe(1)
  })

  it('runs transactions one after the other on its one connection', async () => {
    const store = openStore()
    const order: string[] = []
    const step = async (name: string) => {
      order.push(`${name} begins`)
      await new Promise<void>((resolve) => setImmediate(resolve))
      order.push(`${name} ends`)
    }
    await Promise.all([store.transaction(() => step('a')), store.transaction(() => step('b'))])
    expect(order).toEqual(['a begins', 'a ends', 'b begins', 'b ends'])
  })
})
