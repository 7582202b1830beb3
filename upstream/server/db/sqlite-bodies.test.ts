import { afterAll, describe } from 'vitest'
import type { SqliteDatabase } from '../../../lib/sqlite'
import { createBodyStore } from '../intake/body-store'
import { asyncRepository } from './async-repository'
import { bodyStoreContract } from './contract/body-store-contract'
import { announcingNewFile } from './contract/file-ids'
import {
  unfinishedUploadsContract,
  type UnfinishedUploadsUnderTest,
} from './contract/unfinished-uploads-contract'
import { createFileRepository } from './files'
import { createTerminalRepository } from './terminals'
import { upstreamDatabaseAtVersion } from './test-helpers'
import { createUnfinishedUploads } from './unfinished-uploads'

const opened: SqliteDatabase[] = []
afterAll(() => opened.forEach((db) => db.close()))

async function openSqlite(): Promise<UnfinishedUploadsUnderTest> {
  const db = upstreamDatabaseAtVersion()
  opened.push(db)
  return {
    terminals: asyncRepository(createTerminalRepository(db)),
    files: asyncRepository(createFileRepository(db)),
    unfinished: asyncRepository(createUnfinishedUploads(db)),
    bodies: asyncRepository(createBodyStore(db)),
  }
}

// The same contracts run on PostgreSQL in db/pg/body-store.pg.test.ts, and the body store's on a
// directory in intake/directory-body-store.test.ts.
describe('bodies and unfinished uploads on SQLite', () => {
  bodyStoreContract(async () => {
    const backend = await openSqlite()
    return { bodies: backend.bodies, newFile: announcingNewFile(backend) }
  })
  unfinishedUploadsContract(openSqlite)
})
