import type pg from 'pg'
import { DatabaseFromFutureError } from '../../../../lib/sqlite'
import type { PgDatabase } from './pg-database'

export interface PgMigration {
  /** 1, 2, 3…: stored in `schema_version` once applied. */
  version: number
  name: string
  up(client: pg.PoolClient): Promise<void>
}

/**
 * One key for every upstream process: migrations of the same database never run side by side,
 * whichever process starts first. (Arbitrary, but fixed forever: "KIOSKUPS" in ASCII.)
 */
const MIGRATION_LOCK = '4b494f534b555053'

async function lockedVersion(client: pg.PoolClient): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [
    BigInt(`0x${MIGRATION_LOCK}`).toString(),
  ])
  await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)')
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version')
  return rows[0]?.version ?? 0
}

/** The schema version, 0 for an empty database. */
export async function pgSchemaVersion(db: PgDatabase): Promise<number> {
  const { rows } = await db.pool.query<{ present: boolean }>(
    "SELECT to_regclass('schema_version') IS NOT NULL AS present",
  )
  if (!rows[0]?.present) return 0
  const version = await db.pool.query<{ version: number }>('SELECT version FROM schema_version')
  return version.rows[0]?.version ?? 0
}

/**
 * Applies the pending migrations in order, each in its own transaction with its version bump,
 * under an advisory lock: several intake processes starting together migrate once, and a crash
 * leaves the database at the last complete version. Returns the versions this call applied.
 */
export async function migratePostgres(
  db: PgDatabase,
  migrations: readonly PgMigration[],
): Promise<number[]> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`)
  })
  const found = await pgSchemaVersion(db)
  if (found > migrations.length) throw new DatabaseFromFutureError(found, migrations.length)
  const applied: number[] = []
  for (const migration of migrations) {
    const done = await db.transaction(async (client) => {
      const current = await lockedVersion(client)
      if (current > migrations.length) throw new DatabaseFromFutureError(current, migrations.length)
      if (current >= migration.version) return false
      await migration.up(client)
      await client.query('DELETE FROM schema_version')
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [migration.version])
      return true
    })
    if (done) applied.push(migration.version)
  }
  return applied
}
