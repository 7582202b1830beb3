import { afterAll } from 'vitest'
import { freshPostgresDatabase } from './postgres'

/**
 * Set by the `postgres` project of vitest.config.ts: there the upstream test suite runs again on
 * PostgreSQL, each upstream a test opens on a fresh database of the run's test cluster.
 */
export const UPSTREAM_BACKEND_ENV = 'KIOSK_TEST_UPSTREAM_BACKEND'

/** The database an upstream under test opens, and how to drop it after. */
export interface TestUpstreamDatabase {
  /** For `openUpstream`/`startUpstream`: `{ database }` on PostgreSQL, `{}` on SQLite. */
  options: { database?: string }
  backend: 'sqlite' | 'postgres'
  drop(): Promise<void>
}

/** SQLite in the upstream's data directory, or (in the postgres project) a fresh PostgreSQL database. */
export async function testUpstreamDatabase(): Promise<TestUpstreamDatabase> {
  if (process.env[UPSTREAM_BACKEND_ENV] !== 'postgres')
    return { options: {}, backend: 'sqlite', drop: async () => {} }
  const database = await freshPostgresDatabase()
  return { options: { database: database.url }, backend: 'postgres', drop: database.drop }
}

/**
 * For a test file that opens upstreams itself: `next()` gives the database options of one more
 * upstream (see `testUpstreamDatabase`); every database made is dropped after the file.
 */
export function useTestUpstreamDatabases(): { next(): Promise<{ database?: string }> } {
  const made: TestUpstreamDatabase[] = []
  afterAll(async () => {
    for (const database of made.splice(0)) await database.drop()
  })
  return {
    async next() {
      const database = await testUpstreamDatabase()
      made.push(database)
      return database.options
    },
  }
}
