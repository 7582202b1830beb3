import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

describe('migration 007: sync state', () => {
  it('upgrades a version-6 database with exactly one empty state row', () => {
    const db = databaseAtVersion(6)
    expect(migrate(db, migrations.slice(0, 7))).toEqual([7])
    expect(db.prepare('SELECT * FROM sync_state').all()).toEqual([
      {
        id: 1,
        status_cursor: null,
        last_pass_at: null,
        last_success_at: null,
        last_error: null,
        online: null,
      },
    ])
    expect(() => db.prepare('INSERT INTO sync_state (id) VALUES (2)').run()).toThrow(/CHECK/)
  })
})
