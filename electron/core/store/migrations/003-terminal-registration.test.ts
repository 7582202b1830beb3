import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

const insert = `INSERT INTO terminal_registration (id, terminal_id, key_id, upstream_id, upstream_url,
  encryption_key_id, encryption_public_key, signing_key_id, signing_public_key, registered_at)
  VALUES (?, 't-1', ?, 'up', NULL, ?, 'pk', ?, 'sk', 'now')`
const id32 = 'a'.repeat(32)

describe('migration 003: terminal registration', () => {
  it('upgrades a version-2 database, keeping its audit log', () => {
    const db = databaseAtVersion(2)
    db.prepare(
      "INSERT INTO audit_log VALUES (1, 'now', 'system', 'core.started', NULL, NULL, 'p', 'h')",
    ).run()
    expect(migrate(db, migrations.slice(0, 3))).toEqual([3])
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1)
  })

  it('holds one row with well-formed key ids', () => {
    const db = databaseAtVersion(3)
    db.prepare(insert).run(1, id32, id32, id32)
    expect(() => db.prepare(insert).run(2, id32, id32, id32)).toThrow(/CHECK/)
    db.prepare('DELETE FROM terminal_registration').run()
    expect(() => db.prepare(insert).run(1, 'short', id32, id32)).toThrow(/CHECK/)
  })
})
