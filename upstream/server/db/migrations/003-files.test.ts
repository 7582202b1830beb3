import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite'
import { upstreamDatabaseAtVersion } from '../test-helpers'
import { upstreamMigrations } from './index'

const insert = `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at,
                  receipt_json, reason) VALUES (?, 'T-1', ?, 10, ?, 'upload', 't0', ?, ?)`

describe('upstream migration 003: files', () => {
  it('upgrades a version-2 database and ties files to registered terminals', () => {
    const db = upstreamDatabaseAtVersion(2)
    expect(migrate(db, upstreamMigrations.slice(0, 3))).toEqual([3])
    expect(() => db.prepare(insert).run('f1', 'a'.repeat(64), 'receiving', null, null)).toThrow(
      /FOREIGN KEY/,
    )
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    db.prepare(insert).run('f1', 'a'.repeat(64), 'receiving', null, null)
    expect(db.prepare('SELECT received_offset, duplicates FROM files').get()).toEqual({
      received_offset: 0,
      duplicates: 0,
    })
  })

  it('keeps state, receipt and reason consistent', () => {
    const db = upstreamDatabaseAtVersion(3)
    db.prepare("INSERT INTO terminals VALUES ('T-1', 'key', ?, 'ed25519', 't0')").run(
      'k'.repeat(32),
    )
    const sha = 'a'.repeat(64)
    // received without a receipt, receiving with one, rejected without a reason: all refused
    expect(() => db.prepare(insert).run('f1', sha, 'received', null, null)).toThrow(/CHECK/)
    expect(() => db.prepare(insert).run('f2', sha, 'receiving', '{}', null)).toThrow(/CHECK/)
    expect(() => db.prepare(insert).run('f3', sha, 'rejected', '{}', null)).toThrow(/CHECK/)
    expect(() => db.prepare(insert).run('f4', sha, 'lost', '{}', null)).toThrow(/CHECK/)
    db.prepare(insert).run('f5', sha, 'rejected', '{}', 'blurred portrait')
    expect(() =>
      db.prepare('UPDATE files SET received_offset = 11 WHERE file_id = ?').run('f5'),
    ).toThrow(/CHECK/)
  })
})
