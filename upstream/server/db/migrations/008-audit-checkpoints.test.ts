import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 008: audit checkpoints', () => {
  it('upgrades a version-7 database; one checkpoint per terminal and seq, flags of two kinds', () => {
    const db = upstreamDatabaseAtVersion(7)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    expect(migrate(db, upstreamMigrations.slice(0, 8))).toEqual([8])
    const insert = db.prepare(
      `INSERT INTO audit_checkpoints VALUES (?, ?, 'h', 1, 't', 'p', 'k', 's', 'x', 't')`,
    )
    insert.run('T-1', 1)
    expect(() => insert.run('T-1', 1)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run('T-2', 2)).toThrow(/FOREIGN KEY/)
    const flag = db.prepare(
      "INSERT INTO audit_flags (terminal_id, kind, seq, detail, at) VALUES ('T-1', ?, 3, 'd', 't')",
    )
    flag.run('gap')
    flag.run('rewrite')
    expect(() => flag.run('other')).toThrow(/CHECK/)
  })
})
