import { afterAll, describe } from 'vitest'
import type { SqliteDatabase } from '../../../lib/sqlite'
import { asyncRepository } from './async-repository'
import type { BackendUnderTest } from './contract/backend-under-test'
import { fileContract } from './contract/file-contract'
import { registryContract } from './contract/registry-contract'
import { createFileRepository } from './files'
import { createInviteRepository } from './invites'
import { createNonceStore } from './nonces'
import { createStatusEventRepository } from './status-events'
import { createTerminalRepository } from './terminals'
import { upstreamDatabaseAtVersion } from './test-helpers'

const opened: SqliteDatabase[] = []
afterAll(() => opened.forEach((db) => db.close()))

async function openSqlite(): Promise<BackendUnderTest> {
  const db = upstreamDatabaseAtVersion()
  opened.push(db)
  return {
    terminals: asyncRepository(createTerminalRepository(db)),
    invites: asyncRepository(createInviteRepository(db)),
    nonces: asyncRepository(createNonceStore(db)),
    files: asyncRepository(createFileRepository(db)),
    statusEvents: asyncRepository(createStatusEventRepository(db)),
  }
}

// The same contract runs on PostgreSQL in db/pg/repositories.pg.test.ts.
describe('upstream repositories on SQLite', () => {
  registryContract(openSqlite)
  fileContract(openSqlite)
})
