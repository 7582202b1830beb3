import { afterAll, describe, expect, it } from 'vitest'
import {
  freshPostgresDatabase,
  type TestPostgresDatabase,
} from '../../../../../tests/support/postgres'
import { openPostgres, type PgDatabase } from '../pg-database'
import { migratePostgres } from '../pg-migrate'
import { upstreamPgMigrations } from './index'

const opened: { db: PgDatabase; database: TestPostgresDatabase }[] = []
afterAll(async () => {
  for (const { db, database } of opened) {
    await db.close()
    await database.drop()
  }
})

describe('upstream PostgreSQL migration 003: unfinished uploads', () => {
  it('indexes only the receiving files, by terminal', async () => {
    const database = await freshPostgresDatabase()
    const db = openPostgres(database.url)
    opened.push({ db, database })
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 2))).toEqual([1, 2])
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 3))).toEqual([3])
    const { rows } = await db.pool.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'files_unfinished_by_terminal'",
    )
    expect(rows[0]?.indexdef).toMatch(/\(terminal_id, size\) WHERE \(state = 'receiving'::text\)/)
  })
})
