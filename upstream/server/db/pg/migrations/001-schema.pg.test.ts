import { beforeAll, describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../../tests/support/postgres'
import type { PgDatabase } from '../pg-database'
import { upstreamPgMigrations } from './index'

const databases = usePostgresDatabases()
let db: PgDatabase
beforeAll(async () => {
  db = await databases.open(upstreamPgMigrations)
  await db.pool.query("INSERT INTO terminals VALUES ('T-1', 'key', $1, 'ed25519', 't0')", [
    'k'.repeat(32),
  ])
})

const sha = 'a'.repeat(64)
function insertFile(id: string, state: string, receipt: string | null, reason: string | null) {
  return db.pool.query(
    `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at,
                        receipt_json, reason) VALUES ($1, 'T-1', $2, 10, $3, 'upload', 't0', $4, $5)`,
    [id, sha, state, receipt, reason],
  )
}

describe('upstream PostgreSQL migration 001: the schema', () => {
  it('numbers the shipped migrations 1..n', () => {
    expect(upstreamPgMigrations.map((m) => m.version)).toEqual(
      upstreamPgMigrations.map((_, i) => i + 1),
    )
  })

  it('checks invites and terminals as SQLite does', async () => {
    const invite = (hash: string, usedBy: string | null) =>
      db.pool.query(
        'INSERT INTO invites (code_hash, created_at, expires_at, used_by) VALUES ($1, $2, $3, $4)',
        [hash, 't0', 't1', usedBy],
      )
    await invite('a'.repeat(64), null)
    await expect(invite('short', null)).rejects.toThrow(/check/)
    await expect(invite('b'.repeat(64), 'T-1')).rejects.toThrow(/check/)
    const terminal = (id: string, type: string) =>
      db.pool.query('INSERT INTO terminals VALUES ($1, $2, $3, $4, $5)', [
        id,
        'key',
        'k'.repeat(32),
        type,
        't0',
      ])
    await expect(terminal('T-2', 'rsa')).rejects.toThrow(/check/)
    await expect(terminal('T-1', 'p256')).rejects.toThrow(/duplicate key/)
    await expect(terminal('', 'p256')).rejects.toThrow(/check/)
  })

  it('keeps a file’s state, receipt and reason consistent, and its receipt JSON', async () => {
    await expect(insertFile('f0', 'received', '{}', null)).resolves.toBeDefined()
    await expect(insertFile('f1', 'received', null, null)).rejects.toThrow(/check/)
    await expect(insertFile('f2', 'receiving', '{}', null)).rejects.toThrow(/check/)
    await expect(insertFile('f3', 'rejected', '{}', null)).rejects.toThrow(/check/)
    await expect(insertFile('f4', 'lost', '{}', null)).rejects.toThrow(/check/)
    await expect(insertFile('f5', 'received', '{not json', null)).rejects.toThrow(/json/i)
    await expect(
      db.pool.query("UPDATE files SET received_offset = 11 WHERE file_id = 'f0'"),
    ).rejects.toThrow(/check/)
    const stored = await db.pool.query("SELECT receipt_json FROM files WHERE file_id = 'f0'")
    expect(stored.rows[0]).toEqual({ receipt_json: '{}' })
  })

  it('keeps chunks with their file, and numbers status events in order', async () => {
    await insertFile('c1', 'receiving', null, null)
    const chunk = (offset: number, data: Buffer) =>
      db.pool.query('INSERT INTO chunks (file_id, "offset", data) VALUES ($1, $2, $3)', [
        'c1',
        offset,
        data,
      ])
    await chunk(0, Buffer.from('abc'))
    await expect(chunk(0, Buffer.from('abc'))).rejects.toThrow(/duplicate key/)
    await expect(chunk(3, Buffer.alloc(0))).rejects.toThrow(/check/)
    const event = (state: string, reason: string | null) =>
      db.pool.query<{ seq: string }>(
        'INSERT INTO status_events (terminal_id, file_id, state, reason, at) VALUES ($1, $2, $3, $4, $5) RETURNING seq',
        ['T-1', 'f0', state, reason, 't1'],
      )
    const first = Number((await event('received', null)).rows[0]!.seq)
    expect(Number((await event('rejected', 'bad print')).rows[0]!.seq)).toBe(first + 1)
    await expect(event('rejected', null)).rejects.toThrow(/check/)
    await db.pool.query("DELETE FROM files WHERE file_id = 'c1'")
    expect((await db.pool.query('SELECT count(*)::int AS n FROM chunks')).rows[0]).toEqual({ n: 0 })
  })

  it('keeps one notice per file and kind, and no number once purged', async () => {
    const notice = (kind: string, phone: Buffer | null, purgedAt: string | null) =>
      db.pool.query(
        `INSERT INTO sms_notices (file_id, kind, phone_sealed, body_vi, body_en, created_at, next_at, purged_at)
         VALUES ('f0', $1, $2, 'vi', 'en', 't0', 't0', $3) RETURNING id`,
        [kind, phone, purgedAt],
      )
    await notice('approval', Buffer.from('sealed'), null)
    await expect(notice('approval', Buffer.from('sealed'), null)).rejects.toThrow(/duplicate key/)
    await expect(notice('rejection', null, null)).rejects.toThrow(/check/)
    await expect(notice('rejection', Buffer.from('sealed'), 't1')).rejects.toThrow(/check/)
    await expect(notice('reminder', Buffer.from('sealed'), null)).rejects.toThrow(/check/)
    const columns = await db.pool.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'sms_notices'",
    )
    expect(columns.rows.map((row) => row.column_name)).not.toContain('phone')
  })
})
