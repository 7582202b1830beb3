import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll } from 'vitest'
import { openPostgres, type PgDatabase } from '../../upstream/server/db/pg/pg-database'
import { migratePostgres, type PgMigration } from '../../upstream/server/db/pg/pg-migrate'
import { POSTGRES_ENV } from '../setup/postgres-services'

/** A database of its own on this run's test cluster, and how to drop it. */
export interface TestPostgresDatabase {
  url: string
  drop(): Promise<void>
}

/** The cluster's superuser URL, or an error that says what is missing and who provides it. */
function clusterUrl(): string {
  if (process.env[POSTGRES_ENV.missing])
    throw new Error(
      'PostgreSQL is not installed (Debian package "postgresql"): npm test installs it as root; ' +
        'otherwise apt-get install postgresql',
    )
  const url = process.env[POSTGRES_ENV.url]
  if (!url)
    throw new Error(
      `${POSTGRES_ENV.url} is not set: run this test in the postgres project ` +
        '(npx vitest run --project postgres), whose global setup starts the test cluster',
    )
  return url
}

async function asSuperuser(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl() })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Creates an empty database (a random name, so test files run side by side) on the cluster. */
export async function freshPostgresDatabase(): Promise<TestPostgresDatabase> {
  const name = `kiosk_test_${randomBytes(6).toString('hex')}`
  await asSuperuser(`CREATE DATABASE ${name}`)
  const url = new URL(clusterUrl())
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => asSuperuser(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

/**
 * For a test file: `open()` makes a fresh database on the test cluster, opens a pool on it and,
 * given migrations, applies them; everything opened is closed and dropped after the file.
 */
export function usePostgresDatabases(): {
  open(migrations?: readonly PgMigration[]): Promise<PgDatabase>
} {
  const opened: { db: PgDatabase; database: TestPostgresDatabase }[] = []
  afterAll(async () => {
    for (const { db, database } of opened.splice(0)) {
      await db.close()
      await database.drop()
    }
  })
  return {
    async open(migrations) {
      const database = await freshPostgresDatabase()
      const db = openPostgres(database.url, { max: 4 })
      opened.push({ db, database })
      if (migrations) await migratePostgres(db, migrations)
      return db
    },
  }
}
