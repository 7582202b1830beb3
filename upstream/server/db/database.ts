import { migrate, openDatabase, type SqliteDatabase } from '../../../electron/core/store'
import { upstreamMigrations } from './migrations'

export const UPSTREAM_DATABASE_FILE = 'upstream.sqlite'

/** Opens (creating if needed) and migrates the upstream database; WAL, durable commits. */
export function openUpstreamDatabase(file: string): SqliteDatabase {
  const db = openDatabase(file)
  try {
    migrate(db, upstreamMigrations)
  } catch (error) {
    db.close()
    throw error
  }
  return db
}
