import Database from 'better-sqlite3'
import { openDatabase, type SqliteDatabase } from '../../../lib/sqlite/database'
import { migrate } from '../../../lib/sqlite/migrate'
import { publicKeyToBase64, signAuditAck, auditCheckpointHash } from '../../../protocol'
import { generateTerminalKeyPair } from '../../../protocol/packet'
import { seededRandom, testKeys } from '../../../protocol/packet/test-fixtures'
import { migrations } from '../store/migrations'
import { readAuditEvidence } from './audit-anchors'
import { createAuditLog, entryHash, GENESIS_HASH, type AuditRow } from './audit-log'
import { createAuditCheckpointer, withCheckpoints } from './checkpointer'
import { verifyAuditEvidence, type AuditVerdict } from './verify-audit'

/** Keys of the test station and its upstream; the same every run. */
export const auditTestKeys = {
  ...testKeys('audit-tests'),
  /** The upstream's Ed25519 key that signs acknowledgements. */
  upstreamSigning: generateTerminalKeyPair(seededRandom('audit-tests-upstream-signing')),
}
const TERMINAL_ID = 'terminal-audit-1'

/** A clock that moves one second per reading, from `start`. */
export function steppingClock(start = '2026-11-26T08:00:00Z'): () => Date {
  let t = Date.parse(start)
  return () => new Date((t += 1000))
}

function register(db: SqliteDatabase): void {
  const { terminal, upstream, upstreamSigning } = auditTestKeys
  db.prepare(
    `INSERT INTO terminal_registration (id, terminal_id, key_id, upstream_id, upstream_url,
       encryption_key_id, encryption_public_key, signing_key_id, signing_public_key, registered_at)
     VALUES (1, ?, ?, 'upstream-test', NULL, ?, ?, ?, ?, '2026-11-26T07:00:00Z')`,
  ).run(
    TERMINAL_ID,
    terminal.keyId,
    upstream.keyId,
    publicKeyToBase64(upstream.publicKey),
    upstreamSigning.keyId,
    publicKeyToBase64(upstreamSigning.publicKey),
  )
}

export interface AuditFileOptions {
  entries: number
  checkpointEvery: number
  /** Store an upstream acknowledgement of the last checkpoint. */
  acknowledge?: boolean
}

/**
 * Writes a real station database at `file`: registered, `entries` audit entries with a checkpoint
 * every `checkpointEvery`, and optionally the upstream's signed acknowledgement of the last one.
 */
export function writeAuditFile(file: string, options: AuditFileOptions): void {
  const db = openDatabase(file)
  try {
    migrate(db, migrations)
    register(db)
    const now = steppingClock()
    const checkpointer = createAuditCheckpointer(db, {
      terminalId: TERMINAL_ID,
      key: auditTestKeys.terminal,
      settings: { checkpointEvery: options.checkpointEvery },
      now,
    })
    const log = withCheckpoints(createAuditLog(db, now), checkpointer)
    for (let i = 1; i <= options.entries; i++)
      log.append({ actor: `officer-${i % 3}`, action: 'test.step', subject: `file-${i}` })
    const last = checkpointer.anchors.lastCheckpoint()
    if (options.acknowledge && last) {
      const ack = signAuditAck(
        {
          terminalId: TERMINAL_ID,
          seq: last.seq,
          head: last.head,
          checkpointHash: auditCheckpointHash(last),
          at: now().toISOString(),
        },
        auditTestKeys.upstreamSigning.privateKey,
        auditTestKeys.upstreamSigning.keyId,
      )
      checkpointer.anchors.addAck(ack, 'upstream-test', now().toISOString())
    }
  } finally {
    db.close()
  }
}

/** Opens the file as an attacker would: the append-only triggers dropped first. */
export function tamper(file: string, change: (db: SqliteDatabase) => void): void {
  const db = new Database(file)
  try {
    for (const trigger of [
      'audit_log_no_update',
      'audit_log_no_delete',
      'audit_checkpoint_no_update',
      'audit_checkpoint_no_delete',
      'audit_ack_no_update',
      'audit_ack_no_delete',
    ])
      db.exec(`DROP TRIGGER IF EXISTS ${trigger}`)
    db.transaction(() => change(db))()
  } finally {
    db.close()
  }
}

/**
 * Rewrites the hashes of entries `fromSeq`..`toSeq` so they link up again (what a careful attacker
 * does); the entries after `toSeq` keep their stored links.
 */
export function rechain(db: SqliteDatabase, fromSeq: number, toSeq = Infinity): void {
  const rows = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').all()
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?')
  let prevHash = GENESIS_HASH
  for (const row of rows) {
    if (row.seq >= fromSeq && row.seq <= toSeq) {
      const details = row.details === null ? null : (JSON.parse(row.details) as never)
      const hash = entryHash(prevHash, {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        ...(row.subject !== null ? { subject: row.subject } : {}),
        ...(details !== null ? { details } : {}),
      })
      update.run(prevHash, hash, row.seq)
      prevHash = hash
    } else prevHash = row.hash
  }
}

/** Reads and judges the file as `kiosk audit verify` does. */
export function verifyAuditFile(file: string): AuditVerdict {
  const db = openDatabase(file)
  try {
    return verifyAuditEvidence(readAuditEvidence(db))
  } finally {
    db.close()
  }
}
