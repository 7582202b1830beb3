import Database from 'better-sqlite3'
import { migrate, type SqliteDatabase } from '../../../lib/sqlite'
import { upstreamMigrations } from './migrations'

/** An in-memory upstream database at `version` (all migrations by default); for tests. */
export function upstreamDatabaseAtVersion(
  version: number = upstreamMigrations.length,
): SqliteDatabase {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, upstreamMigrations.slice(0, version))
  return db
}
