import type { SqliteDatabase } from '../../../lib/sqlite/database'

/** Station settings stored as JSON under a key; holds no personal data. */
export interface SettingsRepository {
  get<T>(key: string): T | undefined
  set(key: string, value: unknown): void
}

export function createSettingsRepository(db: SqliteDatabase, now: () => Date): SettingsRepository {
  const select = db.prepare<[string], { value_json: string }>(
    'SELECT value_json FROM settings WHERE key = ?',
  )
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  )
  return {
    get<T>(key: string) {
      const row = select.get(key)
      return row ? (JSON.parse(row.value_json) as T) : undefined
    },
    set(key, value) {
      upsert.run(key, JSON.stringify(value), now().toISOString())
    },
  }
}
