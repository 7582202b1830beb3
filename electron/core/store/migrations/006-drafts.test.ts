import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

describe('migration 006: drafts', () => {
  it('upgrades a version-5 database and stores payloads as blobs', () => {
    const db = databaseAtVersion(5)
    expect(migrate(db, migrations.slice(0, 6))).toEqual([6])
    const insert = db.prepare(`INSERT INTO drafts VALUES (?, 'o', ?, 'now', 'now', ?)`)
    insert.run('d1', 'identify', Buffer.from([1, 2, 3]))
    expect(db.prepare('SELECT payload FROM drafts').pluck().get()).toEqual(Buffer.from([1, 2, 3]))
    expect(() => insert.run('d2', 'identify', 'text, not a blob')).toThrow(/BLOB/)
    expect(() => insert.run('d3', '', Buffer.alloc(1))).toThrow(/CHECK/)
  })
})
