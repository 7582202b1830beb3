import { auditCheckpointHash, type AuditAck, type AuditCheckpoint } from '../../../protocol'
import type { SqliteDatabase } from '../../../lib/sqlite/database'
import type { AuditRow } from './audit-log'
import type { AuditEvidence, StoredCheckpoint } from './verify-audit'

/** The checkpoint and acknowledgement tables (migration 010). */
export interface AuditAnchorStore {
  lastCheckpoint(): StoredCheckpoint | undefined
  addCheckpoint(checkpoint: StoredCheckpoint): void
  /** Checkpoints after the newest acknowledgement, oldest first. */
  unacknowledged(limit: number): StoredCheckpoint[]
  newestAck(): AuditAck | undefined
  addAck(ack: AuditAck, upstreamId: string, receivedAt: string): void
}

interface CheckpointRow {
  seq: number
  terminal_id: string
  key_id: string
  public_key: string
  head: string
  count: number
  at: string
  prev_checkpoint: string
  signature: string
}

interface AckRow {
  seq: number
  terminal_id: string
  head: string
  checkpoint_hash: string
  at: string
  key_id: string
  signature: string
}

function checkpointFromRow(row: CheckpointRow): StoredCheckpoint {
  return {
    terminalId: row.terminal_id,
    keyId: row.key_id,
    seq: row.seq,
    head: row.head,
    count: row.count,
    at: row.at,
    prevCheckpoint: row.prev_checkpoint,
    signature: row.signature,
    publicKey: row.public_key,
  }
}

function ackFromRow(row: AckRow): AuditAck {
  return {
    terminalId: row.terminal_id,
    seq: row.seq,
    head: row.head,
    checkpointHash: row.checkpoint_hash,
    at: row.at,
    keyId: row.key_id,
    signature: row.signature,
  }
}

export function createAuditAnchorStore(db: SqliteDatabase): AuditAnchorStore {
  const last = db.prepare<[], CheckpointRow>(
    'SELECT * FROM audit_checkpoint ORDER BY seq DESC LIMIT 1',
  )
  const insert = db.prepare(
    `INSERT INTO audit_checkpoint (seq, terminal_id, key_id, public_key, head, count, at,
       prev_checkpoint, signature, hash)
     VALUES (@seq, @terminalId, @keyId, @publicKey, @head, @count, @at, @prevCheckpoint,
       @signature, @hash)`,
  )
  const after = db.prepare<[number, number], CheckpointRow>(
    'SELECT * FROM audit_checkpoint WHERE seq > ? ORDER BY seq LIMIT ?',
  )
  const newest = db.prepare<[], AckRow>('SELECT * FROM audit_ack ORDER BY seq DESC LIMIT 1')
  const insertAck = db.prepare(
    `INSERT OR IGNORE INTO audit_ack (seq, terminal_id, head, checkpoint_hash, at, key_id,
       signature, upstream_id, received_at)
     VALUES (@seq, @terminalId, @head, @checkpointHash, @at, @keyId, @signature, @upstreamId,
       @receivedAt)`,
  )
  const newestAck = () => {
    const row = newest.get()
    return row ? ackFromRow(row) : undefined
  }
  return {
    lastCheckpoint() {
      const row = last.get()
      return row ? checkpointFromRow(row) : undefined
    },
    addCheckpoint(cp) {
      insert.run({ ...cp, hash: auditCheckpointHash(cp) })
    },
    unacknowledged: (limit) => after.all(newestAck()?.seq ?? 0, limit).map(checkpointFromRow),
    newestAck,
    addAck(ack, upstreamId, receivedAt) {
      insertAck.run({ ...ack, upstreamId, receivedAt })
    },
  }
}

function tableExists(db: SqliteDatabase, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  )
}

/**
 * Reads the evidence as stored, without trusting the schema: rows in storage order (the rowid,
 * which is the seq unless someone rebuilt the table), no table missing being fatal.
 */
export function readAuditEvidence(db: SqliteDatabase): AuditEvidence {
  const entries = tableExists(db, 'audit_log')
    ? db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY rowid').all()
    : []
  const checkpoints = tableExists(db, 'audit_checkpoint')
    ? db
        .prepare<[], CheckpointRow>('SELECT * FROM audit_checkpoint ORDER BY seq')
        .all()
        .map(checkpointFromRow)
    : []
  const ackRow = tableExists(db, 'audit_ack')
    ? db.prepare<[], AckRow>('SELECT * FROM audit_ack ORDER BY seq DESC LIMIT 1').get()
    : undefined
  const registration = tableExists(db, 'terminal_registration')
    ? db
        .prepare<[], { key_id: string; signing_public_key: string }>(
          'SELECT key_id, signing_public_key FROM terminal_registration WHERE id = 1',
        )
        .get()
    : undefined
  return {
    entries,
    checkpoints,
    ack: ackRow ? ackFromRow(ackRow) : null,
    registration: registration
      ? { terminalKeyId: registration.key_id, upstreamSigningKey: registration.signing_public_key }
      : null,
  }
}

/** The checkpoint as it goes on the wire (without the local public-key column). */
export function wireCheckpoint(cp: StoredCheckpoint): AuditCheckpoint {
  const { publicKey: _publicKey, ...wire } = cp
  return wire
}
