import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

const fileId = '8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40'

describe('migration 005: receipts', () => {
  it('upgrades a version-4 database, keeping its queue', () => {
    const db = databaseAtVersion(4)
    db.prepare(
      `INSERT INTO queue (file_id, sha256, size, upstream_key_id, officer_id, simulated, submitted_at,
       next_attempt_at) VALUES (?, ?, 5, 'k', 'o', 1, 'now', 'now')`,
    ).run(fileId, 'a'.repeat(64))
    expect(migrate(db, migrations.slice(0, 5))).toEqual([5])
    expect(db.prepare('SELECT file_id FROM queue').pluck().get()).toBe(fileId)

    const insert = db.prepare(
      `INSERT INTO receipts VALUES (?, ?, 5, 't', 'now', 'k', 'sig', 'now')`,
    )
    expect(() => insert.run('00000000-0000-4000-8000-000000000000', 'a'.repeat(64))).toThrow(
      /FOREIGN KEY/,
    )
    insert.run(fileId, 'a'.repeat(64))
    expect(() => db.prepare("UPDATE receipts SET signature = 'forged'").run()).toThrow(/kept/)
    expect(() => db.prepare('DELETE FROM receipts').run()).toThrow(/kept/)
  })
})
