import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { later, notice, smsOutboxContract, T0 } from '../contract/sms-outbox-contract'
import { upstreamPgMigrations } from './migrations'
import { openPostgres, type PgDatabase } from './pg-database'
import { poolScope, transactionScope } from './pg-scope'
import { createPgSmsOutbox } from './pg-sms-outbox'

const KEY = randomBytes(32)
const LEASE_MS = 60_000
const databases = usePostgresDatabases()
const byId = (a: number, b: number) => a - b

async function approvedFiles(db: PgDatabase, fileIds: readonly string[]): Promise<void> {
  await db.pool.query(
    `INSERT INTO terminals VALUES ('T-1', 'key', $1, 'ed25519', 't0') ON CONFLICT DO NOTHING`,
    ['k'.repeat(32)],
  )
  for (const [i, fileId] of fileIds.entries())
    await db.pool.query(
      `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at, receipt_json)
       VALUES ($1, 'T-1', $2, 10, 'approved', 'upload', 't0', '{}')`,
      [fileId, i.toString(16).padStart(64, '0')],
    )
}

async function waitsOnALock(db: PgDatabase): Promise<boolean> {
  const { rows } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE wait_event_type = 'Lock' AND datname = current_database()`,
  )
  return (rows[0]?.n ?? 0) > 0
}

const outboxOn = (db: PgDatabase) =>
  createPgSmsOutbox(poolScope(db), { key: KEY, randomBytes }, { leaseMs: LEASE_MS })

async function openPg() {
  const db = await databases.open(upstreamPgMigrations)
  return {
    db,
    outbox: outboxOn(db),
    approvedFiles: (...fileIds: string[]) => approvedFiles(db, fileIds),
    storedNotices: async () => (await db.pool.query('SELECT * FROM sms_notices ORDER BY id')).rows,
    copySealedPhone: async (fromId: number, toId: number) => {
      await db.pool.query(
        `UPDATE sms_notices SET phone_sealed = (SELECT phone_sealed FROM sms_notices WHERE id = $1)
         WHERE id = $2`,
        [fromId, toId],
      )
    },
  }
}

describe('on PostgreSQL', () => smsOutboxContract(openPg))

describe('two SMS senders on one PostgreSQL outbox', () => {
  it('never hand the same notice to both, however their due calls interleave', async () => {
    const one = await openPg()
    const other = openPostgres(one.db.url, { max: 4 })
    try {
      const two = outboxOn(other)
      const fileIds = Array.from({ length: 30 }, (_, i) => `f${i}`)
      await one.approvedFiles(...fileIds)
      const ids = await Promise.all(fileIds.map((f) => one.outbox.add(notice(f))))
      const passes = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? one.outbox : two).due(T0, 5)),
      )
      const handedOut = passes.flat().map((n) => n.id)
      expect(new Set(handedOut).size).toBe(handedOut.length)
      // Eight passes of five over thirty notices: every one of them went to exactly one pass.
      expect(handedOut.sort(byId)).toEqual(ids.sort(byId))
      for (const pass of passes)
        expect(pass.map((n) => n.id)).toEqual(pass.map((n) => n.id).sort(byId))
    } finally {
      await other.close()
    }
  })

  it('give a notice claimed by a process that died to another once the lease is over', async () => {
    const one = await openPg()
    const other = openPostgres(one.db.url, { max: 4 })
    try {
      const two = outboxOn(other)
      await one.approvedFiles('f1')
      const id = await one.outbox.add(notice('f1'))
      expect((await one.outbox.due(T0, 10)).map((n) => n.id)).toEqual([id])
      // Process one dies here, without recording anything.
      expect(await two.due(later(LEASE_MS - 1), 10)).toEqual([])
      expect(await two.due(later(LEASE_MS), 10)).toEqual([
        { id, phone: '0912345678', text: 'Thông báo f1', attempts: 0 },
      ])
      await two.submitted(id, ['m1'], later(LEASE_MS + 1))
      expect(await one.outbox.due(later(3 * LEASE_MS), 10)).toEqual([])
    } finally {
      await other.close()
    }
  })

  it('settle a two-part notice when its receipts reach both processes at once', async () => {
    const one = await openPg()
    const other = openPostgres(one.db.url, { max: 4 })
    const client = await one.db.pool.connect()
    try {
      const two = outboxOn(other)
      await one.approvedFiles('f1')
      const id = await one.outbox.add(notice('f1'))
      await one.outbox.submitted(id, ['m1', 'm2'], later(1))
      // Process one applies m1's receipt and has not committed yet when m2's reaches process two.
      await client.query('BEGIN')
      const inTransaction = createPgSmsOutbox(transactionScope(client), { key: KEY, randomBytes })
      expect(await inTransaction.receipt('m1', 'delivered', later(2))).toBe(true)
      let twoDone = false
      const second = two.receipt('m2', 'delivered', later(2)).finally(() => (twoDone = true))
      await expect.poll(async () => twoDone || (await waitsOnALock(one.db))).toBe(true)
      await client.query('COMMIT')
      expect(await second).toBe(true)
      expect((await one.outbox.forFile('f1'))?.status).toBe('delivered')
    } finally {
      client.release()
      await other.close()
    }
  })
})
