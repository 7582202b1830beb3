import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

const insert = `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
                VALUES (?, 'now', 'system', 'core.started', NULL, ?, ?, ?)`

describe('migration 002: audit log', () => {
  it('upgrades a version-1 database, keeping its settings', () => {
    const db = databaseAtVersion(1)
    db.prepare("INSERT INTO settings VALUES ('station.id', '\"abc\"', 'now')").run()
    expect(migrate(db, migrations.slice(0, 2))).toEqual([2])
    expect(schemaVersion(db)).toBe(2)
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all(),
    ).toEqual(['audit_log', 'settings'])
    expect(db.prepare('SELECT value_json FROM settings').pluck().get()).toBe('"abc"')
  })

  it('is append-only: UPDATE and DELETE are refused', () => {
    const db = databaseAtVersion(2)
    db.prepare(insert).run(1, null, '0'.repeat(64), 'h1')
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone' WHERE seq = 1").run()).toThrow(
      /append-only/,
    )
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    expect(db.prepare('SELECT actor FROM audit_log').pluck().get()).toBe('system')
  })

  it('requires JSON details and unique hashes', () => {
    const db = databaseAtVersion(2)
    expect(() => db.prepare(insert).run(1, '{not json', 'p', 'h1')).toThrow(/CHECK/)
    db.prepare(insert).run(1, '{"a":1}', 'p', 'h1')
    expect(() => db.prepare(insert).run(2, null, 'h1', 'h1')).toThrow(/UNIQUE/)
  })
})
