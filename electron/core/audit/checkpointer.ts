import {
  auditCheckpointHash,
  GENESIS_CHECKPOINT_HASH,
  publicKeyToBase64,
  signAuditCheckpoint,
} from '../../../protocol'
import type { KeyPair } from '../../../protocol/packet'
import type { SqliteDatabase } from '../../../lib/sqlite/database'
import { createAuditAnchorStore, type AuditAnchorStore } from './audit-anchors'
import {
  auditEntryFromRow,
  entryHash,
  GENESIS_HASH,
  type AuditLog,
  type AuditRow,
} from './audit-log'
import { DEFAULT_AUDIT_SETTINGS, type AuditSettings } from './audit-settings'
import type { StoredCheckpoint } from './verify-audit'

const HOUR_MS = 60 * 60 * 1000

export interface AuditCheckpointer {
  readonly anchors: AuditAnchorStore
  /** Signs a checkpoint over the whole log when one is due (see `isDue`); returns it, or null. */
  checkpointIfDue(): StoredCheckpoint | null
}

export interface CheckpointerOptions {
  terminalId: string
  key: KeyPair
  settings?: Partial<AuditSettings>
  now(): Date
}

/**
 * Makes the checkpoints: every `checkpointEvery` entries, and once `checkpointMaxAgeHours` have
 * passed since the oldest entry no checkpoint covers. It signs only a chain that still links up
 * from the last checkpoint: a checkpoint over tampered entries would launder them.
 */
export function createAuditCheckpointer(
  db: SqliteDatabase,
  options: CheckpointerOptions,
): AuditCheckpointer {
  const settings = { ...DEFAULT_AUDIT_SETTINGS, ...options.settings }
  const anchors = createAuditAnchorStore(db)
  const publicKey = publicKeyToBase64(options.key.publicKey)
  const tail = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')
  const uncovered = db.prepare<[number], AuditRow>(
    'SELECT * FROM audit_log WHERE seq > ? ORDER BY seq',
  )
  const countUpTo = db
    .prepare<[number], number>('SELECT count(*) FROM audit_log WHERE seq <= ?')
    .pluck()

  // Asked after every append: count and the oldest row first, the rows themselves only when due.
  const uncoveredCount = db
    .prepare<[number], number>('SELECT count(*) FROM audit_log WHERE seq > ?')
    .pluck()
  const firstUncovered = db.prepare<[number], { at: string }>(
    'SELECT at FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 1',
  )

  const isDue = (afterSeq: number): boolean => {
    const first = firstUncovered.get(afterSeq)
    if (!first) return false
    if ((uncoveredCount.get(afterSeq) ?? 0) >= settings.checkpointEvery) return true
    const age = options.now().getTime() - Date.parse(first.at)
    return age >= settings.checkpointMaxAgeHours * HOUR_MS
  }

  const linksUp = (last: StoredCheckpoint | undefined, rows: AuditRow[]): boolean => {
    let prevHash = last?.head ?? rows[0]?.prev_hash
    let seq = last?.seq ?? 0
    for (const row of rows) {
      if (row.seq !== seq + 1 || row.prev_hash !== prevHash) return false
      if (entryHash(row.prev_hash, auditEntryFromRow(row)) !== row.hash) return false
      prevHash = row.hash
      seq = row.seq
    }
    return last !== undefined || rows[0]?.prev_hash === GENESIS_HASH
  }

  const make = db.transaction((): StoredCheckpoint | null => {
    const last = anchors.lastCheckpoint()
    const end = tail.get()
    if (!end) return null
    if (!isDue(last?.seq ?? 0)) return null
    const rows = uncovered.all(last?.seq ?? 0)
    if (!linksUp(last, rows)) return null
    const fields = {
      terminalId: options.terminalId,
      keyId: options.key.keyId,
      seq: end.seq,
      head: end.hash,
      count: countUpTo.get(end.seq) ?? end.seq,
      at: options.now().toISOString(),
      prevCheckpoint: last ? auditCheckpointHash(last) : GENESIS_CHECKPOINT_HASH,
    }
    const checkpoint = { ...signAuditCheckpoint(fields, options.key.privateKey), publicKey }
    anchors.addCheckpoint(checkpoint)
    return checkpoint
  })

  return { anchors, checkpointIfDue: () => make.immediate() }
}

/** The log with a checkpoint check after every append. */
export function withCheckpoints(log: AuditLog, checkpointer: AuditCheckpointer): AuditLog {
  return {
    ...log,
    append(entry) {
      const appended = log.append(entry)
      checkpointer.checkpointIfDue()
      return appended
    },
  }
}
