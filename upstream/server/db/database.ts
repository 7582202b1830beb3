import { migrate, openDatabase, type SqliteDatabase } from '../../../lib/sqlite'
import { upstreamMigrations } from './migrations'

export const UPSTREAM_DATABASE_FILE = 'upstream.sqlite'

/**
 * Opens (creating if needed) and migrates the upstream database. Ordinary commits (announces,
 * chunks, nonces) use `synchronous = NORMAL`: in WAL mode they survive a killed process, and a
 * power cut can only lose work the kiosk repeats (it resumes from the offset it is told). Commits
 * that the upstream answers with a promise go through `durably`.
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

/**
 * Runs `work` in a transaction whose commit is synced to disk before returning (receipts, review
 * decisions, registrations). Syncing the WAL also makes every earlier NORMAL commit durable, such
 * as the chunks of the file a receipt is about.
 */
export function durably<T>(db: SqliteDatabase, work: () => T): T {
  const previous = db.pragma('synchronous', { simple: true })
  db.pragma('synchronous = FULL')
  try {
    return db.transaction(work)()
  } finally {
    db.pragma(`synchronous = ${Number(previous) === 2 ? 'FULL' : 'NORMAL'}`)
  }
}
