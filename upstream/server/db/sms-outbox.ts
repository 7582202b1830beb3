import type { SqliteDatabase } from '../../../lib/sqlite'
import { isFinalState, type DeliveryState } from '../../sms/delivery-receipt'
import type { PendingSms } from '../../sms/sms-sender'
import { maskedPhone, openPhone, sealPhone } from './sealed-phone'

export type SmsKind = 'approval' | 'rejection'
/** Every state an outbox notice can be in (the CHECK of migration 009); the review page names each. */
export const SMS_STATUSES = ['pending', 'submitted', 'delivered', 'undelivered', 'failed'] as const
export type SmsStatus = (typeof SMS_STATUSES)[number]

/** A notice as reviewers see it: the number masked, and empty once purged. */
export interface SmsMessage extends NewSms {
  id: number
  status: SmsStatus
  attempts: number
  lastError: string | null
  sentAt: string | null
  finishedAt: string | null
}

export interface NewSms {
  fileId: string
  kind: SmsKind
  phone: string
  bodyVi: string
  bodyEn: string
  createdAt: string
}

/**
 * The SMS outbox: what the review records, what the sender drains, what is purged. Its
 * asynchronous form (`AsyncRepository<SmsOutbox>`) is the sender's SmsQueue.
 */
export interface SmsOutbox {
  /** Notices whose next try is due at `at`, oldest first (the PostgreSQL outbox leases them). */
  due(at: Date, limit: number): PendingSms[]
  /** Makes claimed, untried notices due again at `at`. */
  handBack(ids: readonly number[], at: Date): void
  submitted(id: number, messageIds: readonly string[], at: Date): void
  retryLater(id: number, attempts: number, nextAt: Date, reason: string): void
  failed(id: number, reason: string, at: Date): void
  /** Applies a delivery receipt; false when the message id matches no recorded part (yet). */
  receipt(messageId: string, state: DeliveryState, at: Date): boolean
  add(message: NewSms): number
  list(limit: number): SmsMessage[]
  forFile(fileId: string, kind?: SmsKind): SmsMessage | undefined
  /** Forgets the numbers of notices that finished before `before`; answers how many. */
  purge(before: Date, at: Date): number
  /** Seals the clear numbers migration 008 moved aside; answers how many. */
  sealLegacy(): number
}

/** A row of sms_notices, as both backends store it. */
export interface SmsNoticeRow {
  id: number
  file_id: string
  kind: SmsKind
  phone_sealed: Buffer | null
  body_vi: string
  body_en: string
  created_at: string
  status: SmsStatus
  attempts: number
  last_error: string | null
  submitted_at: string | null
  finished_at: string | null
}

type Row = SmsNoticeRow & { phone_legacy: string | null }

export interface SmsOutboxKeys {
  /** AES-256 key (keys/outbox-key.ts). */
  key: Buffer
  randomBytes(size: number): Buffer
}

/** The associated data of a notice's sealed number: the same on SQLite and PostgreSQL. */
export const bindingOf = (row: Pick<Row, 'file_id' | 'kind'>) => `sms:${row.file_id}:${row.kind}`

function statements(db: SqliteDatabase) {
  return {
    insert: db.prepare<[string, SmsKind, Buffer, string, string, string, string]>(
      `INSERT INTO sms_notices (file_id, kind, phone_sealed, body_vi, body_en, created_at, next_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    list: db.prepare<[number], Row>('SELECT * FROM sms_notices ORDER BY id DESC LIMIT ?'),
    byFile: db.prepare<[string, SmsKind], Row>(
      'SELECT * FROM sms_notices WHERE file_id = ? AND kind = ?',
    ),
    due: db.prepare<[string, number], Row>(
      `SELECT * FROM sms_notices WHERE status = 'pending' AND next_at <= ? ORDER BY id LIMIT ?`,
    ),
    submitted: db.prepare<[string, number]>(
      `UPDATE sms_notices SET status = 'submitted', submitted_at = ?, last_error = NULL
       WHERE id = ? AND status = 'pending'`,
    ),
    part: db.prepare<[string, number]>(
      'INSERT OR REPLACE INTO sms_parts (message_id, notice_id) VALUES (?, ?)',
    ),
    retry: db.prepare<[number, string, string, number]>(
      `UPDATE sms_notices SET attempts = ?, next_at = ?, last_error = ?
       WHERE id = ? AND status = 'pending'`,
    ),
    finish: db.prepare<[SmsStatus, string, string | null, number]>(
      `UPDATE sms_notices SET status = ?, finished_at = ?, last_error = COALESCE(?, last_error)
       WHERE id = ?`,
    ),
    partState: db.prepare<[string, string]>('UPDATE sms_parts SET state = ? WHERE message_id = ?'),
    noticeOfPart: db.prepare<[string], { notice_id: number; status: SmsStatus }>(
      `SELECT p.notice_id, n.status FROM sms_parts p JOIN sms_notices n ON n.id = p.notice_id
       WHERE p.message_id = ?`,
    ),
    partStates: db.prepare<[number], { state: string }>(
      'SELECT state FROM sms_parts WHERE notice_id = ?',
    ),
    purge: db.prepare<[string, string]>(
      `UPDATE sms_notices SET phone_sealed = NULL, purged_at = ?
       WHERE purged_at IS NULL AND status IN ('delivered', 'undelivered', 'failed')
         AND finished_at < ?`,
    ),
    legacy: db.prepare<[], Row>('SELECT * FROM sms_notices WHERE phone_legacy IS NOT NULL'),
    sealLegacy: db.prepare<[Buffer, number]>(
      'UPDATE sms_notices SET phone_sealed = ?, phone_legacy = NULL WHERE id = ?',
    ),
  }
}

export function messageOf(row: SmsNoticeRow, phone: string | null): SmsMessage {
  return {
    id: row.id,
    fileId: row.file_id,
    kind: row.kind,
    phone: maskedPhone(phone ?? ''),
    bodyVi: row.body_vi,
    bodyEn: row.body_en,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    sentAt: row.submitted_at,
    finishedAt: row.finished_at,
  }
}

/** A receipt settles its notice once every part is final: delivered only if all are. */
export function settlementOf(
  states: readonly DeliveryState[],
): { status: 'delivered' | 'undelivered'; reason: string | null } | null {
  const failed = states.find((s) => s !== 'delivered' && isFinalState(s))
  if (failed) return { status: 'undelivered', reason: failed }
  return states.every((s) => s === 'delivered') ? { status: 'delivered', reason: null } : null
}

export function createSmsOutbox(db: SqliteDatabase, keys: SmsOutboxKeys): SmsOutbox {
  const sql = statements(db)
  const seal = (row: Pick<Row, 'file_id' | 'kind'>, phone: string) =>
    sealPhone(keys.key, phone, bindingOf(row), keys.randomBytes(12))
  const phoneOf = (row: Row) =>
    row.phone_sealed ? openPhone(keys.key, row.phone_sealed, bindingOf(row)) : null
  const toMessage = (row: Row) => messageOf(row, phoneOf(row))

  function settle(noticeId: number, at: Date): void {
    const states = sql.partStates.all(noticeId).map((p) => p.state as DeliveryState)
    const settled = settlementOf(states)
    if (settled) sql.finish.run(settled.status, at.toISOString(), settled.reason, noticeId)
  }

  return {
    add(m) {
      const sealed = seal({ file_id: m.fileId, kind: m.kind }, m.phone)
      const info = sql.insert.run(
        m.fileId,
        m.kind,
        sealed,
        m.bodyVi,
        m.bodyEn,
        m.createdAt,
        m.createdAt,
      )
      return Number(info.lastInsertRowid)
    },
    list: (limit) => sql.list.all(limit).map(toMessage),
    forFile(fileId, kind = 'approval') {
      const row = sql.byFile.get(fileId, kind)
      return row ? toMessage(row) : undefined
    },
    due(at, limit) {
      const pending: PendingSms[] = []
      for (const row of sql.due.all(at.toISOString(), limit)) {
        const phone = phoneOf(row)
        if (phone) pending.push({ id: row.id, phone, text: row.body_vi, attempts: row.attempts })
        else sql.finish.run('failed', at.toISOString(), 'sealed number unreadable', row.id)
      }
      return pending
    },
    // One process drains a SQLite outbox: `due` claims nothing, so there is nothing to hand back.
    handBack: () => undefined,
    submitted: db.transaction((id: number, messageIds: readonly string[], at: Date) => {
      sql.submitted.run(at.toISOString(), id)
      for (const messageId of messageIds) sql.part.run(messageId, id)
    }),
    retryLater(id, attempts, nextAt, reason) {
      sql.retry.run(attempts, nextAt.toISOString(), reason, id)
    },
    failed(id, reason, at) {
      sql.finish.run('failed', at.toISOString(), reason, id)
    },
    receipt: db.transaction((messageId: string, state: DeliveryState, at: Date) => {
      const notice = sql.noticeOfPart.get(messageId)
      if (!notice) return false
      // A late receipt for a settled notice matched it, and changes nothing.
      if (notice.status !== 'submitted') return true
      sql.partState.run(state, messageId)
      settle(notice.notice_id, at)
      return true
    }),
    purge: (before, at) => Number(sql.purge.run(at.toISOString(), before.toISOString()).changes),
    sealLegacy: db.transaction(() => {
      const rows = sql.legacy.all()
      for (const row of rows) sql.sealLegacy.run(seal(row, row.phone_legacy ?? ''), row.id)
      return rows.length
    }),
  }
}
