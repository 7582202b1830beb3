import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 005: SMS outbox', () => {
  it('upgrades a version-4 database; one message per file', () => {
    const db = upstreamDatabaseAtVersion(4)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES ('f1', 'T-1', ?, 10, 'approved', 'upload', 't0', '{}')`,
    ).run('a'.repeat(64))
    expect(migrate(db, upstreamMigrations.slice(0, 5))).toEqual([5])
    expect(schemaVersion(db)).toBe(5)
    const insert = db.prepare(
      'INSERT INTO sms_outbox (file_id, phone, body_vi, body_en, created_at) VALUES (?, ?, ?, ?, ?)',
    )
    insert.run('f1', '0912345678', 'vi', 'en', 't1')
    expect(() => insert.run('f1', '0912345678', 'vi', 'en', 't2')).toThrow(/UNIQUE/)
    expect(() => insert.run('f2', '0912345678', 'vi', 'en', 't2')).toThrow(/FOREIGN KEY/)
    expect(db.prepare('SELECT sent_at FROM sms_outbox').pluck().get()).toBeNull()
  })

  it('numbers the shipped migrations 1..n', () => {
    expect(upstreamMigrations.map((m) => m.version)).toEqual(
      upstreamMigrations.map((_, i) => i + 1),
    )
  })
})
