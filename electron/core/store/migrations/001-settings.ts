import type { Migration } from '../../../../lib/sqlite/migrate'

/** Station settings as JSON values (station id, later the terminal's registration). No PII. */
export const migration001Settings: Migration = {
  version: 1,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
        value_json TEXT NOT NULL CHECK (json_valid(value_json)),
        updated_at TEXT NOT NULL
      ) STRICT;
    `)
  },
}
