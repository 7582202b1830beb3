import { randomBytes } from 'node:crypto'
import { afterAll, describe } from 'vitest'
import type { SqliteDatabase } from '../../../lib/sqlite'
import { asyncRepository } from './async-repository'
import { smsOutboxContract, type SmsOutboxUnderTest } from './contract/sms-outbox-contract'
import { createSmsOutbox } from './sms-outbox'
import { upstreamDatabaseAtVersion } from './test-helpers'

const KEY = randomBytes(32)
const opened: SqliteDatabase[] = []
afterAll(() => opened.forEach((db) => db.close()))

/** Approved files of terminal T-1 on a SQLite database. */
function insertApprovedFiles(db: SqliteDatabase, fileIds: readonly string[]): void {
  db.prepare("INSERT OR IGNORE INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
    'k'.repeat(32),
  )
  for (const [i, fileId] of fileIds.entries()) {
    db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES (?, 'T-1', ?, 10, 'approved', 'upload', 't0', '{}')`,
    ).run(fileId, i.toString(16).padStart(64, '0'))
  }
}

async function openSqlite(): Promise<SmsOutboxUnderTest> {
  const db = upstreamDatabaseAtVersion()
  opened.push(db)
  return {
    outbox: asyncRepository(createSmsOutbox(db, { key: KEY, randomBytes })),
    approvedFiles: async (...fileIds) => insertApprovedFiles(db, fileIds),
    storedNotices: async () => db.prepare('SELECT * FROM sms_notices ORDER BY id').all(),
    copySealedPhone: async (fromId, toId) => {
      db.prepare(
        'UPDATE sms_notices SET phone_sealed = (SELECT phone_sealed FROM sms_notices WHERE id = ?) WHERE id = ?',
      ).run(fromId, toId)
    },
  }
}

// The same contract runs on PostgreSQL in db/pg/sms-outbox.pg.test.ts.
describe('on SQLite', () => smsOutboxContract(openSqlite))
