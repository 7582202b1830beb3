import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 002: nonces', () => {
  it('upgrades a version-1 database keeping its terminals, and keys nonces per terminal', () => {
    const db = upstreamDatabaseAtVersion(1)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    expect(migrate(db, upstreamMigrations.slice(0, 2))).toEqual([2])
    expect(schemaVersion(db)).toBe(2)
    expect(db.prepare('SELECT terminal_id FROM terminals').pluck().get()).toBe('T-1')
    const insert = db.prepare('INSERT INTO nonces VALUES (?, ?, ?)')
    insert.run('T-1', 'n1', 10)
    insert.run('T-2', 'n1', 10)
    expect(() => insert.run('T-1', 'n1', 20)).toThrow(/UNIQUE|PRIMARY/)
  })
})
