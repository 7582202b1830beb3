import type { SqliteDatabase } from './database'

export interface Migration {
  /** 1, 2, 3…: stored in `PRAGMA user_version` once applied. */
  version: number
  name: string
  up(db: SqliteDatabase): void
}

/** The database was written by a newer kiosk; opening it with this one could corrupt it. */
export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema version ${found} is newer than this kiosk knows (${known})`)
    this.name = 'DatabaseFromFutureError'
  }
}

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number
}

/**
 * Applies the pending migrations in order, each in its own transaction together with its
 * `user_version` bump, so a crash leaves the database at the last complete version.
 * Returns the versions applied.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`)
  })
  const known = migrations.length
  const current = schemaVersion(db)
  if (current > known) throw new DatabaseFromFutureError(current, known)
  const applied: number[] = []
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db)
      // PRAGMA takes no bound parameters; the version is a checked integer.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`)
    })()
    applied.push(migration.version)
  }
  return applied
}
