import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 004: status events', () => {
  it('upgrades a version-3 database; events reference files and number in order', () => {
    const db = upstreamDatabaseAtVersion(3)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES ('f1', 'T-1', ?, 10, 'received', 'upload', 't0', '{}')`,
    ).run('a'.repeat(64))
    expect(migrate(db, upstreamMigrations.slice(0, 4))).toEqual([4])
    const insert = db.prepare(
      'INSERT INTO status_events (terminal_id, file_id, state, reason, at) VALUES (?, ?, ?, ?, ?)',
    )
    expect(insert.run('T-1', 'f1', 'received', null, 't1').lastInsertRowid).toBe(1)
    expect(insert.run('T-1', 'f1', 'rejected', 'bad print', 't2').lastInsertRowid).toBe(2)
    expect(() => insert.run('T-1', 'nope', 'received', null, 't1')).toThrow(/FOREIGN KEY/)
    expect(() => insert.run('T-1', 'f1', 'rejected', null, 't1')).toThrow(/CHECK/)
    expect(() => insert.run('T-1', 'f1', 'approved', 'why', 't1')).toThrow(/CHECK/)
  })
})
