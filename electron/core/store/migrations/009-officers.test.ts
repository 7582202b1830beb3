import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../lib/sqlite/migrate'
import { databaseAtVersion } from '../test-helpers'
import { migrations } from './index'

const row = {
  officer_id: 'o-1',
  username_key: 'a'.repeat(64),
  profile: Buffer.from([1, 2, 3]),
  role: 'supervisor',
  state: 'active',
  password_hash: 'scrypt$65536$8$1$salt$key',
  created_at: '2026-12-02T08:00:00.000Z',
  created_by: 'setup',
  updated_at: '2026-12-02T08:00:00.000Z',
}
const insert = `INSERT INTO officers (officer_id, username_key, profile, role, state, password_hash,
  created_at, created_by, updated_at) VALUES (@officer_id, @username_key, @profile, @role, @state,
  @password_hash, @created_at, @created_by, @updated_at)`

describe('migration 009: officers', () => {
  it('adds the officers table to a version-8 database, keeping what was there', () => {
    const db = databaseAtVersion(8)
    db.prepare("INSERT INTO settings VALUES ('station.id', '\"s\"', 'now')").run()
    expect(migrate(db, migrations.slice(0, 9))).toEqual([9])
    db.prepare(insert).run(row)
    expect(db.prepare('SELECT role, state, failed_attempts FROM officers').get()).toEqual({
      role: 'supervisor',
      state: 'active',
      failed_attempts: 0,
    })
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 })
  })

  it('refuses an unknown role or state, a clear-text password and a duplicate username', () => {
    const db = databaseAtVersion(9)
    db.prepare(insert).run(row)
    const again = (fields: Partial<typeof row>) => () =>
      db.prepare(insert).run({ ...row, officer_id: 'o-2', username_key: 'b'.repeat(64), ...fields })
    expect(again({ role: 'admin' })).toThrow(/CHECK/)
    expect(again({ state: 'locked' })).toThrow(/CHECK/)
    expect(again({ password_hash: 'hunter2hunter2' })).toThrow(/CHECK/)
    expect(again({ username_key: 'short' })).toThrow(/CHECK/)
    expect(again({ username_key: 'a'.repeat(64) })).toThrow(/UNIQUE/)
  })

  it('counts active supervisors through its index', () => {
    const db = databaseAtVersion(9)
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM officers WHERE role = 'supervisor' AND state = 'active'",
      )
      .all() as { detail: string }[]
    expect(plan.map((p) => p.detail).join()).toMatch(/officers_role_state/)
  })
})
