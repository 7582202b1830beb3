import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DatabaseFromFutureError, migrate, schemaVersion, type Migration } from './migrate'

const table = (version: number, name: string): Migration => ({
  version,
  name,
  up: (db) => db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY)`),
})

describe('migrate', () => {
  it('applies pending migrations in order and records each in user_version', () => {
    const db = new Database(':memory:')
    expect(migrate(db, [table(1, 'a'), table(2, 'b')])).toEqual([1, 2])
    expect(schemaVersion(db)).toBe(2)
    expect(migrate(db, [table(1, 'a'), table(2, 'b'), table(3, 'c')])).toEqual([3])
    expect(migrate(db, [table(1, 'a'), table(2, 'b'), table(3, 'c')])).toEqual([])
  })

  it('rolls back a failing migration whole, user_version included', () => {
    const db = new Database(':memory:')
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half (id INTEGER)')
        d.exec('THIS IS NOT SQL')
      },
    }
    expect(() => migrate(db, [table(1, 'a'), broken])).toThrow()
    expect(schemaVersion(db)).toBe(1)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual(
      { n: 0 },
    )
  })

  it('refuses a database written by a newer kiosk', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 9')
    expect(() => migrate(db, [table(1, 'a')])).toThrow(DatabaseFromFutureError)
  })

  it('refuses a migration list with gaps or duplicates', () => {
    expect(() => migrate(new Database(':memory:'), [table(1, 'a'), table(3, 'c')])).toThrow(
      /expected 2/,
    )
    expect(() => migrate(new Database(':memory:'), [table(1, 'a'), table(1, 'b')])).toThrow(
      /expected 2/,
    )
  })
})
