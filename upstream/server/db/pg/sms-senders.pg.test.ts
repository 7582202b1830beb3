import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { usePostgresDatabases } from '../../../../tests/support/postgres'
import { systemClock } from '../../../../lib/clock'
import type { DeliveryReceipt } from '../../../sms/delivery-receipt'
import { backoffDelayMs, createSmsSender } from '../../../sms/sms-sender'
import type { SmscSession } from '../../../sms/smsc-session'
import { notice, T0 } from '../contract/sms-outbox-contract'
import { upstreamPgMigrations } from './migrations'
import { openPostgres, type PgDatabase } from './pg-database'
import { poolScope } from './pg-scope'
import { createPgSmsOutbox } from './pg-sms-outbox'

const KEY = randomBytes(32)
const databases = usePostgresDatabases()
const phoneOf = (i: number) => `0912${String(i).padStart(6, '0')}`

/** A link that accepts every part, names its message ids after `name`, and keeps whom it sent to. */
function acceptingLink(name: string) {
  const sent: Array<{ messageId: string; msisdn: string }> = []
  const listeners: Array<(r: DeliveryReceipt) => void> = []
  const session: SmscSession = {
    submit: (_part, msisdn) => {
      const messageId = `${name}-${sent.length + 1}`
      sent.push({ messageId, msisdn })
      return Promise.resolve({ status: 0, messageId })
    },
    onReceipt: (listener) => void listeners.push(listener),
    closed: new Promise<void>(() => undefined),
    close: () => Promise.resolve(),
  }
  const deliver = (messageId: string) =>
    listeners.forEach((l) => l({ messageId, state: 'delivered', error: null }))
  return { session, sent, deliver }
}

/** One upstream process: its own pool on the database, its own sender and SMSC link. */
function upstreamProcess(db: PgDatabase, name: string) {
  const link = acceptingLink(name)
  const outbox = createPgSmsOutbox(poolScope(db), { key: KEY, randomBytes })
  const sender = createSmsSender({
    queue: outbox,
    connect: () => Promise.resolve(link.session),
    clock: systemClock,
    now: () => T0,
    ratePerSecond: 1_000_000,
    maxAttempts: 3,
    retryDelayMs: backoffDelayMs,
    throttlePauseMs: 1,
    maxThrottleRetries: 1,
    log: () => undefined,
  })
  return { link, outbox, sender }
}

describe('two upstream processes sending from one PostgreSQL outbox', () => {
  it('send each notice once, and settle it from a receipt that came to the other', async () => {
    const db = await databases.open(upstreamPgMigrations)
    const otherPool = openPostgres(db.url, { max: 4 })
    const one = upstreamProcess(db, 'one')
    const two = upstreamProcess(otherPool, 'two')
    try {
      await db.pool.query(`INSERT INTO terminals VALUES ('T-1', 'key', $1, 'ed25519', 't0')`, [
        'k'.repeat(32),
      ])
      const fileIds = Array.from({ length: 120 }, (_, i) => `f${i}`)
      for (const [i, fileId] of fileIds.entries()) {
        await db.pool.query(
          `INSERT INTO files (file_id, terminal_id, sha256, size, state, source, announced_at,
             receipt_json) VALUES ($1, 'T-1', $2, 10, 'approved', 'upload', 't0', '{}')`,
          [fileId, i.toString(16).padStart(64, '0')],
        )
        await one.outbox.add(notice(fileId, phoneOf(i)))
      }
      // A pass takes at most 50: four passes, two per process, race for the 120 notices.
      const reports = await Promise.all([one, two, one, two].map((p) => p.sender.drain()))
      expect(reports.reduce((sum, r) => sum + r.submitted, 0)).toBe(fileIds.length)
      const sentTo = [...one.link.sent, ...two.link.sent].map((s) => s.msisdn).sort()
      expect(sentTo).toEqual(fileIds.map((_, i) => `84${phoneOf(i).slice(1)}`).sort())

      for (const { messageId } of one.link.sent) two.link.deliver(messageId)
      for (const { messageId } of two.link.sent) one.link.deliver(messageId)
      await Promise.all([one.sender.drain(), two.sender.drain()])
      const { rows } = await db.pool.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM sms_notices GROUP BY status',
      )
      expect(rows).toEqual([{ status: 'delivered', n: fileIds.length }])
    } finally {
      await otherPool.close()
    }
  })
})
