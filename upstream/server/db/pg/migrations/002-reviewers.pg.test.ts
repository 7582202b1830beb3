import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../../tests/support/postgres'
import { migratePostgres } from '../pg-migrate'
import { upstreamPgMigrations } from './index'

const databases = usePostgresDatabases()

describe('upstream PostgreSQL migration 002: reviewers', () => {
  it('upgrades a version-1 database: its files gain who decided, accounts and sessions are checked', async () => {
    const db = await databases.open()
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 1))).toEqual([1])
    await db.pool.query("INSERT INTO terminals VALUES ('T-1', 'key', $1, 'ed25519', 't0')", [
      'k'.repeat(32),
    ])
    await db.pool.query(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES ('f1', 'T-1', $1, 10, 'received', 'upload', 't0', '{}')`,
      ['a'.repeat(64)],
    )
    expect(await migratePostgres(db, upstreamPgMigrations.slice(0, 2))).toEqual([2])
    expect((await db.pool.query('SELECT reviewer_name, reviewer_role FROM files')).rows).toEqual([
      { reviewer_name: null, reviewer_role: null },
    ])
    await expect(db.pool.query("UPDATE files SET reviewer_role = 'admin'")).rejects.toThrow(/check/)
    const reviewer = (id: string, role: string) =>
      db.pool.query(
        "INSERT INTO reviewers (reviewer_id, display_name, role, created_at) VALUES ($1, 'Lê Thị Hoa', $2, 't0')",
        [id, role],
      )
    await reviewer('hoa', 'senior')
    await expect(reviewer('hoa', 'reviewer')).rejects.toThrow(/duplicate key/)
    await expect(reviewer('x', 'admin')).rejects.toThrow(/check/)
    await expect(reviewer('', 'reviewer')).rejects.toThrow(/check/)
    const session = (hash: string, id: string) =>
      db.pool.query("INSERT INTO reviewer_sessions VALUES ($1, $2, 't0', 't0', 't1')", [hash, id])
    await session('b'.repeat(64), 'hoa')
    await expect(session('short', 'hoa')).rejects.toThrow(/check/)
    await expect(session('c'.repeat(64), 'nobody')).rejects.toThrow(/foreign key/)
  })
})
