import Database from 'better-sqlite3'
import type { SqliteDatabase } from '../../../lib/sqlite/database'
import { migrate } from '../../../lib/sqlite/migrate'
import { migrations } from './migrations'

/** An in-memory database migrated up to `version` (all migrations by default). */
export function databaseAtVersion(version: number = migrations.length): SqliteDatabase {
  const db = new Database(':memory:')
  migrate(db, migrations.slice(0, version))
  return db
}
