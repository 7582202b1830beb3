import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

const fileId = '8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40'
const insert = `INSERT INTO queue (file_id, sha256, size, upstream_key_id, officer_id, simulated,
  submitted_at, next_attempt_at) VALUES (?, ?, ?, 'k', 'officer-1', 0, 'now', 'now')`

describe('migration 004: queue', () => {
  it('upgrades a version-3 database', () => {
    const db = databaseAtVersion(3)
    expect(migrate(db, migrations.slice(0, 4))).toEqual([4])
    expect(
      db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'queue'").pluck().get(),
    ).toBe(1)
  })

  it('checks ids, hashes and sizes, and starts a file queued', () => {
    const db = databaseAtVersion(4)
    db.prepare(insert).run(fileId, 'f'.repeat(64), 10)
    expect(db.prepare('SELECT state, attempts FROM queue').get()).toEqual({
      state: 'queued',
      attempts: 0,
    })
    expect(() => db.prepare(insert).run(fileId, 'f'.repeat(64), 10)).toThrow(/UNIQUE/)
    expect(() => db.prepare(insert).run('x', 'f'.repeat(64), 10)).toThrow(/CHECK/)
    expect(() => db.prepare(insert).run(fileId.replace('8', '9'), 'short', 10)).toThrow(/CHECK/)
    expect(() => db.prepare(insert).run(fileId.replace('8', '9'), 'f'.repeat(64), 0)).toThrow(
      /CHECK/,
    )
  })

  it('never loses an unsent file, and dead files carry a reason', () => {
    const db = databaseAtVersion(4)
    db.prepare(insert).run(fileId, 'f'.repeat(64), 10)
    expect(() => db.prepare('DELETE FROM queue').run()).toThrow(/unsent file/)
    expect(() => db.prepare("UPDATE queue SET state = 'dead'").run()).toThrow(/CHECK/)
    expect(() => db.prepare("UPDATE queue SET body_deleted_at = 'now'").run()).toThrow(/CHECK/)
    db.prepare("UPDATE queue SET state = 'sent', body_deleted_at = 'now'").run()
    db.prepare('DELETE FROM queue').run()
    expect(db.prepare('SELECT count(*) FROM queue').pluck().get()).toBe(0)
  })
})
