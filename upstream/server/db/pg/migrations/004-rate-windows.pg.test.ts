import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../../tests/support/postgres'
import { migratePostgres } from '../pg-migrate'
import { upstreamPgMigrations } from './index'

const databases = usePostgresDatabases()

describe('upstream PostgreSQL migration 004: rate windows', () => {
  it('adds an unlogged table of counts by key', async () => {
    const db = await databases.open()
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 3))).toEqual([1, 2, 3])
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 4))).toEqual([4])
    const { rows } = await db.pool.query<{ relpersistence: string }>(
      "SELECT relpersistence FROM pg_class WHERE relname = 'rate_windows'",
    )
    expect(rows).toEqual([{ relpersistence: 'u' }])
    await expect(
      db.pool.query("INSERT INTO rate_windows (key, start_ms, count) VALUES ('t', 0, 0)"),
    ).rejects.toThrow(/check/)
  })
})
