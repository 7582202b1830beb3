import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate, schemaVersion } from '../../../../lib/sqlite'
import { migrations } from './index'

describe('the kiosk store migrations', () => {
  it('are numbered 1..n', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
  })

  it('apply from scratch to the last version, and again as a no-op', () => {
    const db = new Database(':memory:')
    expect(migrate(db, migrations)).toEqual(migrations.map((m) => m.version))
    expect(schemaVersion(db)).toBe(migrations.length)
    expect(migrate(db, migrations)).toEqual([])
  })
})
