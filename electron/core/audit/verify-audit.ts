import type { KeyObject } from 'node:crypto'
import {
  auditCheckpointHash,
  GENESIS_CHECKPOINT_HASH,
  keyIdOf,
  publicKeyFromBase64,
  verifyAuditAck,
  verifyAuditCheckpoint,
  type AuditAck,
  type AuditCheckpoint,
} from '../../../protocol'
import type { AuditRow } from './audit-log'
import { firstChainFault, type AuditFault } from './chain-faults'

/** A stored checkpoint with the public key it says signed it (base64 SPKI DER). */
export interface StoredCheckpoint extends AuditCheckpoint {
  publicKey: string
}

/** Everything `kiosk audit verify` judges, read from the database as it is (see audit-evidence.ts). */
export interface AuditEvidence {
  /** audit_log rows in storage order. */
  entries: readonly AuditRow[]
  /** audit_checkpoint rows by seq. */
  checkpoints: readonly StoredCheckpoint[]
  /** The newest acknowledgement the upstream signed, if any. */
  ack: AuditAck | null
  /** The station's registration, when it has one: the keys the anchors must be signed with. */
  registration: { terminalKeyId: string; upstreamSigningKey: string } | null
}

export interface AuditVerdict {
  intact: boolean
  entries: number
  lastSeq: number
  checkpoints: number
  /** The last checkpoint's seq, and the last one the upstream acknowledged. */
  checkpointSeq: number | null
  acknowledgedSeq: number | null
  fault: AuditFault | null
}

function keyOf(base64: string): KeyObject | null {
  try {
    return publicKeyFromBase64(base64)
  } catch {
    return null
  }
}

/** Why a checkpoint's signature cannot be trusted, or null when it can. */
function signatureProblem(
  cp: StoredCheckpoint,
  registration: AuditEvidence['registration'],
): string | null {
  const key = keyOf(cp.publicKey)
  if (!key || keyIdOf(key) !== cp.keyId) return 'its public key is not the key it names'
  if (registration && registration.terminalKeyId !== cp.keyId)
    return 'it is signed by a key the upstream never registered'
  return verifyAuditCheckpoint(cp, key) ? null : 'its signature does not verify'
}

interface Chain {
  hashAt: ReadonlyMap<number, string>
  lastSeq: number
}

/** The checkpoints' own chain and their agreement with the entries. */
function checkpointFault(evidence: AuditEvidence, chain: Chain): AuditFault | null {
  let prevCheckpoint = GENESIS_CHECKPOINT_HASH
  let vouchedUpTo = 0
  for (const cp of evidence.checkpoints) {
    const problem = signatureProblem(cp, evidence.registration)
    if (problem)
      return { kind: 'checkpoint-forged', seq: cp.seq, detail: `checkpoint ${cp.seq}: ${problem}` }
    if (cp.prevCheckpoint !== prevCheckpoint)
      return {
        kind: 'checkpoint-forged',
        seq: cp.seq,
        detail: `checkpoint ${cp.seq} does not follow the checkpoint before it`,
      }
    const fault = anchorFault(cp.seq, cp.head, chain, vouchedUpTo, `checkpoint ${cp.seq}`)
    if (fault) return fault
    prevCheckpoint = auditCheckpointHash(cp)
    vouchedUpTo = cp.seq
  }
  return null
}

/** An anchor (checkpoint or acknowledgement) at `seq` with `head` against the entries. */
function anchorFault(
  seq: number,
  head: string,
  chain: Chain,
  vouchedUpTo: number,
  what: string,
): AuditFault | null {
  const hash = chain.hashAt.get(seq)
  if (hash === undefined)
    return {
      kind: 'truncated',
      seq: chain.lastSeq + 1,
      detail: `the log ends at ${chain.lastSeq} but ${what} covers ${seq}`,
    }
  if (hash !== head)
    return {
      kind: 'recomputed',
      seq: vouchedUpTo + 1,
      detail: `the chain at ${seq} differs from ${what}: rewritten after ${vouchedUpTo}`,
    }
  return null
}

function ackFault(evidence: AuditEvidence, chain: Chain): AuditFault | null {
  const { ack, registration } = evidence
  if (!ack) return null
  const key = registration ? keyOf(registration.upstreamSigningKey) : null
  if (!key || !verifyAuditAck(ack, key))
    return {
      kind: 'checkpoint-forged',
      seq: ack.seq,
      detail: `the acknowledgement of ${ack.seq} is not signed by the registered upstream`,
    }
  const local = evidence.checkpoints.find((cp) => cp.seq === ack.seq)
  if (local && auditCheckpointHash(local) !== ack.checkpointHash)
    return {
      kind: 'checkpoint-forged',
      seq: ack.seq,
      detail: `checkpoint ${ack.seq} is not the one the upstream acknowledged`,
    }
  const vouched = evidence.checkpoints.filter((cp) => cp.seq < ack.seq).at(-1)?.seq ?? 0
  return anchorFault(ack.seq, ack.head, chain, vouched, `the upstream's acknowledgement`)
}

/**
 * Judges an audit log: the entries' own chain first (edited, deleted, inserted, reordered), then
 * every signed checkpoint (forged, recomputed, truncated), then the upstream's newest
 * acknowledgement, which still shows a truncation when the local checkpoints are gone too.
 */
export function verifyAuditEvidence(evidence: AuditEvidence): AuditVerdict {
  const hashAt = new Map<number, string>()
  for (const row of evidence.entries) hashAt.set(row.seq, row.hash)
  const lastSeq = evidence.entries.at(-1)?.seq ?? 0
  const chain = { hashAt, lastSeq }
  const fault =
    firstChainFault(evidence.entries) ??
    checkpointFault(evidence, chain) ??
    ackFault(evidence, chain)
  return {
    intact: fault === null,
    entries: evidence.entries.length,
    lastSeq,
    checkpoints: evidence.checkpoints.length,
    checkpointSeq: evidence.checkpoints.at(-1)?.seq ?? null,
    acknowledgedSeq: evidence.ack?.seq ?? null,
    fault,
  }
}
