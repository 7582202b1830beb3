import { migrate, openDatabase, type SqliteDatabase } from '../../../lib/sqlite'
import { upstreamMigrations } from './migrations'

export const UPSTREAM_DATABASE_FILE = 'upstream.sqlite'

/**
 * Opens (creating if needed) and migrates the upstream database. Ordinary commits (announces,
 * chunks, nonces) use `synchronous = NORMAL`: in WAL mode they survive a killed process, and a
 * power cut can only lose work the kiosk repeats (it resumes from the offset it is told). Commits
 * that the upstream answers with a promise go through the store's `durably` (sqlite-store.ts).
 */
export function openUpstreamDatabase(file: string): SqliteDatabase {
  const db = openDatabase(file)
  try {
    migrate(db, upstreamMigrations)
    db.pragma('synchronous = NORMAL')
  } catch (error) {
    db.close()
    throw error
  }
  return db
}
