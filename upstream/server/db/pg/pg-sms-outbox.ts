import type { DeliveryState } from '../../../sms/delivery-receipt'
import type { PendingSms } from '../../../sms/sms-sender'
import type { AsyncRepository } from '../async-repository'
import { openPhone, sealPhone } from '../sealed-phone'
import {
  bindingOf,
  messageOf,
  settlementOf,
  type SmsNoticeRow,
  type SmsOutbox,
  type SmsOutboxKeys,
} from '../sms-outbox'
import type { Queryable } from './pg-database'
import type { PgScope } from './pg-scope'

export interface PgSmsOutboxOptions {
  /** How long a notice `due` handed out stays claimed (default 10 min). */
  leaseMs?: number
}

const DEFAULT_LEASE_MS = 600_000

/**
 * The claim behind `due`: the due rows no other transaction holds (`FOR UPDATE SKIP LOCKED`),
 * their next try pushed `lease` ahead in the same statement. Until the claimer records an outcome
 * (or hands the notice back) no other process sees it due; if the claimer dies, the notice comes
 * due again when the lease runs out. A pass must therefore finish within the lease, or a notice
 * still being sent may be sent twice.
 */
const CLAIM = `
  WITH claimed AS (
    SELECT id FROM sms_notices WHERE status = 'pending' AND next_at <= $1
    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
  )
  UPDATE sms_notices n SET next_at = $3 FROM claimed WHERE n.id = claimed.id RETURNING n.*`

const FINISH = `UPDATE sms_notices SET status = $1, finished_at = $2,
  last_error = COALESCE($3, last_error) WHERE id = $4`

// One statement: the notice and its parts commit together.
const SUBMITTED = `
  WITH notice AS (
    UPDATE sms_notices SET status = 'submitted', submitted_at = $1, last_error = NULL
    WHERE id = $2 AND status = 'pending'
  )
  INSERT INTO sms_parts (message_id, notice_id) SELECT unnest($3::text[]), $2
  ON CONFLICT (message_id) DO UPDATE SET notice_id = EXCLUDED.notice_id, state = 'enroute'`

/**
 * The SMS outbox on PostgreSQL: the same answers as `createSmsOutbox`, for several processes
 * draining one outbox. Numbers were sealed from the start here, so `sealLegacy` finds none.
 */
export function createPgSmsOutbox(
  scope: PgScope,
  keys: SmsOutboxKeys,
  options: PgSmsOutboxOptions = {},
): AsyncRepository<SmsOutbox> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const phoneOf = (row: SmsNoticeRow) =>
    row.phone_sealed ? openPhone(keys.key, row.phone_sealed, bindingOf(row)) : null
  const rows = async (sql: string, params: unknown[]) =>
    (await scope.query<SmsNoticeRow>(sql, params)).rows

  return {
    async add(m) {
      const binding = bindingOf({ file_id: m.fileId, kind: m.kind })
      const sealed = sealPhone(keys.key, m.phone, binding, keys.randomBytes(12))
      const { rows: added } = await scope.query<{ id: number }>(
        `INSERT INTO sms_notices (file_id, kind, phone_sealed, body_vi, body_en, created_at, next_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [m.fileId, m.kind, sealed, m.bodyVi, m.bodyEn, m.createdAt],
      )
      return Number(added[0]?.id)
    },
    async list(limit) {
      const found = await rows('SELECT * FROM sms_notices ORDER BY id DESC LIMIT $1', [limit])
      return found.map((row) => messageOf(row, phoneOf(row)))
    },
    async forFile(fileId, kind = 'approval') {
      const [row] = await rows('SELECT * FROM sms_notices WHERE file_id = $1 AND kind = $2', [
        fileId,
        kind,
      ])
      return row ? messageOf(row, phoneOf(row)) : undefined
    },
    due: (at, limit) => claimDue(scope, phoneOf, at, limit, leaseMs),
    async handBack(ids, at) {
      if (ids.length === 0) return
      await scope.query(
        `UPDATE sms_notices SET next_at = $1 WHERE id = ANY($2::bigint[]) AND status = 'pending'`,
        [at.toISOString(), [...ids]],
      )
    },
    async submitted(id, messageIds, at) {
      await scope.query(SUBMITTED, [at.toISOString(), id, [...messageIds]])
    },
    async retryLater(id, attempts, nextAt, reason) {
      await scope.query(
        `UPDATE sms_notices SET attempts = $1, next_at = $2, last_error = $3
         WHERE id = $4 AND status = 'pending'`,
        [attempts, nextAt.toISOString(), reason, id],
      )
    },
    async failed(id, reason, at) {
      await scope.query(FINISH, ['failed', at.toISOString(), reason, id])
    },
    receipt: (messageId, state, at) =>
      scope.atomically((q) => applyReceipt(q, messageId, state, at)),
    async purge(before, at) {
      const { rowCount } = await scope.query(
        `UPDATE sms_notices SET phone_sealed = NULL, purged_at = $1
         WHERE purged_at IS NULL AND status IN ('delivered', 'undelivered', 'failed')
           AND finished_at < $2`,
        [at.toISOString(), before.toISOString()],
      )
      return rowCount ?? 0
    },
    sealLegacy: () => Promise.resolve(0),
  }
}

/** Claims the due notices (CLAIM); one whose sealed number does not open is given up. */
async function claimDue(
  scope: PgScope,
  phoneOf: (row: SmsNoticeRow) => string | null,
  at: Date,
  limit: number,
  leaseMs: number,
): Promise<PendingSms[]> {
  const lease = new Date(at.getTime() + leaseMs).toISOString()
  const { rows: claimed } = await scope.query<SmsNoticeRow>(CLAIM, [at.toISOString(), limit, lease])
  const pending: PendingSms[] = []
  for (const row of claimed.sort((a, b) => a.id - b.id)) {
    const phone = phoneOf(row)
    if (phone) pending.push({ id: row.id, phone, text: row.body_vi, attempts: row.attempts })
    else await scope.query(FINISH, ['failed', at.toISOString(), 'sealed number unreadable', row.id])
  }
  return pending
}

/**
 * Records a part's state and settles its notice. The notice row is locked first, so receipts of
 * two parts arriving at two processes at once settle it once, each seeing the other's part.
 */
async function applyReceipt(
  q: Queryable,
  messageId: string,
  state: DeliveryState,
  at: Date,
): Promise<boolean> {
  const { rows: found } = await q.query<{ notice_id: number; status: string }>(
    `SELECT p.notice_id, n.status FROM sms_parts p JOIN sms_notices n ON n.id = p.notice_id
     WHERE p.message_id = $1 FOR UPDATE OF n`,
    [messageId],
  )
  const notice = found[0]
  if (!notice) return false
  // A late receipt for a settled notice matched it, and changes nothing.
  if (notice.status !== 'submitted') return true
  await q.query('UPDATE sms_parts SET state = $1 WHERE message_id = $2', [state, messageId])
  const { rows: parts } = await q.query<{ state: DeliveryState }>(
    'SELECT state FROM sms_parts WHERE notice_id = $1',
    [notice.notice_id],
  )
  const settled = settlementOf(parts.map((p) => p.state))
  if (settled)
    await q.query(FINISH, [settled.status, at.toISOString(), settled.reason, notice.notice_id])
  return true
}
