import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 009: SMS delivery queue', () => {
  it('moves version-8 outbox rows into the queue, their clear numbers set aside for sealing', () => {
    const db = upstreamDatabaseAtVersion(8)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    const file = db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES (?, 'T-1', ?, 10, 'approved', 'upload', 't0', '{}')`,
    )
    file.run('f1', 'a'.repeat(64))
    file.run('f2', 'b'.repeat(64))
    const old = db.prepare(
      `INSERT INTO sms_outbox (file_id, phone, body_vi, body_en, created_at, sent_at)
       VALUES (?, '0912345678', 'vi', 'en', 't1', ?)`,
    )
    old.run('f1', null)
    old.run('f2', 't2')
    expect(migrate(db, upstreamMigrations.slice(0, 9))).toEqual([9])
    expect(schemaVersion(db)).toBe(9)
    const rows = db
      .prepare(
        'SELECT file_id, kind, phone_sealed, phone_legacy, status, next_at, submitted_at FROM sms_notices ORDER BY id',
      )
      .all()
    expect(rows).toEqual([
      {
        file_id: 'f1',
        kind: 'approval',
        phone_sealed: null,
        phone_legacy: '0912345678',
        status: 'pending',
        next_at: 't1',
        submitted_at: null,
      },
      {
        file_id: 'f2',
        kind: 'approval',
        phone_sealed: null,
        phone_legacy: '0912345678',
        status: 'submitted',
        next_at: 't1',
        submitted_at: 't2',
      },
    ])
    expect(() => db.prepare('SELECT * FROM sms_outbox').all()).toThrow(/no such table/)
    const notice = db.prepare(
      `INSERT INTO sms_notices (file_id, kind, body_vi, body_en, created_at, next_at)
       VALUES ('f1', ?, 'vi', 'en', 't3', 't3')`,
    )
    notice.run('rejection')
    expect(() => notice.run('rejection')).toThrow(/UNIQUE/)
    expect(() => notice.run('reminder')).toThrow(/CHECK/)
    expect(() =>
      db.prepare("INSERT INTO sms_parts (message_id, notice_id) VALUES ('m', 99)").run(),
    ).toThrow(/FOREIGN KEY/)
  })
})
