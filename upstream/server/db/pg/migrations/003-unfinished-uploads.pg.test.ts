import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../../tests/support/postgres'
import { migratePostgres } from '../pg-migrate'
import { upstreamPgMigrations } from './index'

const databases = usePostgresDatabases()

describe('upstream PostgreSQL migration 003: unfinished uploads', () => {
  it('indexes only the receiving files, by terminal', async () => {
    const db = await databases.open()
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 2))).toEqual([1, 2])
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 3))).toEqual([3])
    const { rows } = await db.pool.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'files_unfinished_by_terminal'",
    )
    expect(rows[0]?.indexdef).toMatch(/\(terminal_id, size\) WHERE \(state = 'receiving'::text\)/)
  })
})
