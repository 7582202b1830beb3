import { afterAll, describe } from 'vitest'
import { freshPostgresDatabase } from '../../../../tests/support/postgres'
import { storeContract } from '../contract/store-contract'
import type { UpstreamStore } from '../store'
import { openPgStore } from './pg-store'

const opened: { store: UpstreamStore; drop(): Promise<void> }[] = []
afterAll(async () => {
  for (const { store, drop } of opened.splice(0)) {
    await store.close()
    await drop()
  }
})

describe('the PostgreSQL store', () => {
  storeContract(async () => {
    const database = await freshPostgresDatabase()
    const store = await openPgStore({
      url: database.url,
      outboxKeys: { key: Buffer.alloc(32, 7), randomBytes: (n) => Buffer.alloc(n, 1) },
      poolSize: 4,
    })
    opened.push({ store, drop: database.drop })
    return store
  })
})
