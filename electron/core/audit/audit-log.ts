import { createHash } from 'node:crypto'
import type { SqliteDatabase } from '../../../lib/sqlite/database'

export interface AuditEntryInput {
  /** Officer id, `station`, or `system`; never a citizen's name or ID number. */
  actor: string
  /** Dotted verb, e.g. `core.started`, `ui.language`. */
  action: string
  /** The file id or device id acted on, if any. */
  subject?: string
  details?: Record<string, string | number | boolean | null>
}

export interface AuditEntry extends AuditEntryInput {
  seq: number
  at: string
  prevHash: string
  hash: string
}

export interface AuditLog {
  append(entry: AuditEntryInput): AuditEntry
  /** Recomputes the chain; returns the first broken sequence number, or null when intact. */
  verify(): number | null
  recent(limit: number): AuditEntry[]
}

export const GENESIS_HASH = '0'.repeat(64)

/** One audit_log row as SQLite stores it. */
export interface AuditRow {
  seq: number
  at: string
  actor: string
  action: string
  subject: string | null
  details: string | null
  prev_hash: string
  hash: string
}

/** The hash of one entry, chained to `prevHash`; the verifier recomputes it from stored rows. */
export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  // A fixed field order, so the hash does not depend on how the object was built.
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor,
    e.action,
    e.subject ?? null,
    e.details ?? null,
  ])
  return createHash('sha256').update(prevHash).update(canonical).digest('hex')
}

export function auditEntryFromRow(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    ...(row.subject !== null ? { subject: row.subject } : {}),
    ...(row.details !== null ? { details: JSON.parse(row.details) as AuditEntry['details'] } : {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}

export function createAuditLog(db: SqliteDatabase, now: () => Date): AuditLog {
  const last = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @subject, @details, @prev_hash, @hash)`,
  )
  const all = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq')
  const recent = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?')

  // The read of the chain's tail and the insert must be one transaction, or two writers fork it.
  const append = db.transaction((input: AuditEntryInput): AuditEntry => {
    const tail = last.get()
    const prevHash = tail?.hash ?? GENESIS_HASH
    const base = { seq: (tail?.seq ?? 0) + 1, at: now().toISOString(), ...input }
    const hash = entryHash(prevHash, base)
    insert.run({
      seq: base.seq,
      at: base.at,
      actor: base.actor,
      action: base.action,
      subject: base.subject ?? null,
      details: base.details ? JSON.stringify(base.details) : null,
      prev_hash: prevHash,
      hash,
    })
    return { ...base, prevHash, hash }
  })

  return {
    append: (entry) => append.immediate(entry),
    verify() {
      let prevHash = GENESIS_HASH
      for (const row of all.iterate()) {
        const entry = auditEntryFromRow(row)
        if (entry.prevHash !== prevHash || entryHash(prevHash, entry) !== entry.hash)
          return entry.seq
        prevHash = entry.hash
      }
      return null
    },
    recent: (limit) => recent.all(limit).map(auditEntryFromRow),
  }
}
