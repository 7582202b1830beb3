import { afterAll, describe } from 'vitest'
import type { SqliteDatabase } from '../../../lib/sqlite'
import { asyncRepository } from './async-repository'
import { reviewerContract } from './contract/reviewer-contract'
import { createReviewerRepository } from './reviewers'
import { upstreamDatabaseAtVersion } from './test-helpers'

const opened: SqliteDatabase[] = []
afterAll(() => opened.forEach((db) => db.close()))

// The same contract runs on PostgreSQL in db/pg/pg-reviewers.pg.test.ts.
describe('reviewers on SQLite', () => {
  reviewerContract(async () => {
    const db = upstreamDatabaseAtVersion()
    opened.push(db)
    return asyncRepository(createReviewerRepository(db))
  })
})
