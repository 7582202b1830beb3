import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSmsOutbox } from './sms-outbox'
import { upstreamDatabaseAtVersion } from './test-helpers'

// What both backends share is in contract/sms-outbox-contract.ts; this is SQLite's own past.
const T0 = new Date('2026-12-02T08:00:00.000Z')

describe('the SMS outbox on SQLite', () => {
  it('seals the clear numbers an older database left', () => {
    const db = upstreamDatabaseAtVersion()
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    db.exec(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES ('f1', 'T-1', '${'0'.repeat(64)}', 10, 'approved', 'upload', 't0', '{}')`,
    )
    const outbox = createSmsOutbox(db, { key: randomBytes(32), randomBytes })
    db.prepare(
      `INSERT INTO sms_notices (file_id, kind, phone_legacy, body_vi, body_en, created_at, next_at)
       VALUES ('f1', 'approval', '0911111111', 'vi', 'en', ?, ?)`,
    ).run(T0.toISOString(), T0.toISOString())
    expect(outbox.sealLegacy()).toBe(1)
    expect(JSON.stringify(db.prepare('SELECT * FROM sms_notices').all())).not.toContain(
      '0911111111',
    )
    expect(outbox.due(T0, 10)[0]?.phone).toBe('0911111111')
    expect(outbox.sealLegacy()).toBe(0)
  })
})
