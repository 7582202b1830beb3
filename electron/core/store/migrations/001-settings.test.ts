import { describe, expect, it } from 'vitest'
import { databaseAtVersion } from '../test-helpers'
import { createSettingsRepository } from '../settings'

describe('migration 001: settings', () => {
  it('creates a key/value table that holds only valid JSON', () => {
    const db = databaseAtVersion(1)
    db.prepare("INSERT INTO settings VALUES ('station.id', '\"abc\"', 'now')").run()
    expect(() =>
      db.prepare("INSERT INTO settings VALUES ('bad', 'not json', 'now')").run(),
    ).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO settings VALUES ('', '1', 'now')").run()).toThrow(/CHECK/)
    expect(() =>
      db.prepare("INSERT INTO settings VALUES ('station.id', '1', 'now')").run(),
    ).toThrow(/UNIQUE/)
  })

  it('backs the settings repository', () => {
    const db = databaseAtVersion(1)
    const settings = createSettingsRepository(db, () => new Date('2026-01-02T03:04:05Z'))
    expect(settings.get('station.id')).toBeUndefined()
    settings.set('station.id', 'abc')
    settings.set('limits', { maxUnsynced: 500 })
    settings.set('station.id', 'def')
    expect(settings.get('station.id')).toBe('def')
    expect(settings.get('limits')).toEqual({ maxUnsynced: 500 })
    expect(db.prepare("SELECT updated_at FROM settings WHERE key = 'limits'").get()).toEqual({
      updated_at: '2026-01-02T03:04:05.000Z',
    })
  })
})
