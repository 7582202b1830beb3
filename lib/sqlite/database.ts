import Database from 'better-sqlite3'
import { betterSqliteBinding } from '../native-modules'

export type SqliteDatabase = Database.Database

/**
 * Opens the kiosk database with the pragmas every connection needs. `synchronous = FULL` with WAL
 * makes each commit durable before it returns: a submitted file must survive a power cut.
 */
export function openDatabase(file: string): SqliteDatabase {
  const nativeBinding = betterSqliteBinding()
  const db = new Database(file, nativeBinding ? { nativeBinding } : {})
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  return db
}

export function sqliteVersion(db: SqliteDatabase): string {
  return (db.prepare('select sqlite_version() as v').get() as { v: string }).v
}

/**
 * Opens an existing database for reading only: for evidence that must not change by being looked
 * at (`kiosk audit verify`). Throws when the file does not exist.
 */
export function openDatabaseReadOnly(file: string): SqliteDatabase {
  const nativeBinding = betterSqliteBinding()
  return new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  })
}
