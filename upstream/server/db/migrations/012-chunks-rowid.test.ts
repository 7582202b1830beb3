import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

describe('upstream migration 012: chunks as a rowid table', () => {
  it('keeps every stored chunk and the table rules', () => {
    const db = upstreamDatabaseAtVersion(11)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    db.prepare(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at)
       VALUES ('f1', 'T-1', ?, 10, 'receiving', 'upload', 't0')`,
    ).run('a'.repeat(64))
    const insert = db.prepare('INSERT INTO chunks (file_id, offset, data) VALUES (?, ?, ?)')
    insert.run('f1', 0, Buffer.from('abc'))
    insert.run('f1', 3, Buffer.from('defg'))
    expect(migrate(db, upstreamMigrations.slice(0, 12))).toEqual([12])
    const table = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'chunks'")
      .pluck()
      .get()
    expect(table).not.toMatch(/WITHOUT ROWID/i)
    const rows = db.prepare('SELECT offset, data FROM chunks ORDER BY offset').all()
    expect(rows).toEqual([
      { offset: 0, data: Buffer.from('abc') },
      { offset: 3, data: Buffer.from('defg') },
    ])
    expect(() => insert.run('f1', 0, Buffer.from('x'))).toThrow(/UNIQUE|PRIMARY/)
    expect(() => insert.run('f1', 7, Buffer.alloc(0))).toThrow(/CHECK/)
    expect(() => insert.run('f2', 0, Buffer.from('x'))).toThrow(/FOREIGN KEY/)
    db.prepare("DELETE FROM files WHERE file_id = 'f1'").run()
    expect(db.prepare('SELECT count(*) FROM chunks').pluck().get()).toBe(0)
  })
})
