import { afterAll, describe } from 'vitest'
import type { SqliteDatabase } from '../../../lib/sqlite'
import { createAuditCheckpointRepository } from '../audit/audit-checkpoints'
import { asyncRepository } from './async-repository'
import { auditContract } from './contract/audit-contract'
import { createTerminalRepository } from './terminals'
import { upstreamDatabaseAtVersion } from './test-helpers'

const opened: SqliteDatabase[] = []
afterAll(() => opened.forEach((db) => db.close()))

// The same contract runs on PostgreSQL in db/pg/pg-audit-checkpoints.pg.test.ts.
describe('audit checkpoints on SQLite', () => {
  auditContract(async () => {
    const db = upstreamDatabaseAtVersion()
    opened.push(db)
    return {
      audit: asyncRepository(createAuditCheckpointRepository(db)),
      terminals: asyncRepository(createTerminalRepository(db)),
    }
  })
})
