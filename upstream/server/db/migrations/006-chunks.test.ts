import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 006: chunks', () => {
  it('upgrades a version-5 database; chunks belong to files and go with them', () => {
    const db = upstreamDatabaseAtVersion(5)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at)
       VALUES ('f1', 'T-1', ?, 10, 'receiving', 'upload', 't0')`,
    ).run('a'.repeat(64))
    expect(migrate(db, upstreamMigrations.slice(0, 6))).toEqual([6])
    const insert = db.prepare('INSERT INTO chunks (file_id, offset, data) VALUES (?, ?, ?)')
    insert.run('f1', 0, Buffer.from('abc'))
    expect(() => insert.run('f1', 0, Buffer.from('abc'))).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run('f1', 3, Buffer.alloc(0))).toThrow(/CHECK/)
    expect(() => insert.run('f2', 0, Buffer.from('x'))).toThrow(/FOREIGN KEY/)
    db.prepare("DELETE FROM files WHERE file_id = 'f1'").run()
    expect(db.prepare('SELECT count(*) FROM chunks').pluck().get()).toBe(0)
  })
})
