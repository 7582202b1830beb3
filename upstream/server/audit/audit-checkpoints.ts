import {
  auditCheckpointHash,
  GENESIS_CHECKPOINT_HASH,
  signAuditAck,
  verifyAuditCheckpoint,
  type AuditAck,
  type AuditCheckpoint,
  type AuditCheckpointsRequest,
} from '../../../protocol'
import type { SqliteDatabase } from '../../../lib/sqlite'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import { UpstreamError } from '../errors'

/** A checkpoint as the upstream holds it. */
interface HeldCheckpoint {
  seq: number
  head: string
  hash: string
}

export type AuditFlagKind = 'gap' | 'rewrite'

/** The audit tables of one upstream database (migration 008). */
export function createAuditCheckpointRepository(db: SqliteDatabase) {
  const last = db.prepare<[string], HeldCheckpoint>(
    'SELECT seq, head, hash FROM audit_checkpoints WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1',
  )
  const atSeq = db.prepare<[string, number], HeldCheckpoint>(
    'SELECT seq, head, hash FROM audit_checkpoints WHERE terminal_id = ? AND seq = ?',
  )
  const byHash = db.prepare<[string, string], HeldCheckpoint>(
    'SELECT seq, head, hash FROM audit_checkpoints WHERE terminal_id = ? AND hash = ?',
  )
  const insert = db.prepare(
    `INSERT INTO audit_checkpoints (terminal_id, seq, head, count, at, prev_checkpoint, key_id,
       signature, hash, received_at)
     VALUES (@terminalId, @seq, @head, @count, @at, @prevCheckpoint, @keyId, @signature, @hash,
       @receivedAt)`,
  )
  const flag = db.prepare(
    'INSERT INTO audit_flags (terminal_id, kind, seq, detail, at) VALUES (?, ?, ?, ?, ?)',
  )
  const flags = db.prepare<[], number>('SELECT count(*) FROM audit_flags').pluck()
  return {
    last: (terminalId: string) => last.get(terminalId),
    atSeq: (terminalId: string, seq: number) => atSeq.get(terminalId, seq),
    byHash: (terminalId: string, hash: string) => byHash.get(terminalId, hash),
    add(cp: AuditCheckpoint, receivedAt: string) {
      insert.run({ ...cp, hash: auditCheckpointHash(cp), receivedAt })
    },
    flag(terminalId: string, kind: AuditFlagKind, seq: number, detail: string, at: string) {
      flag.run(terminalId, kind, seq, detail, at)
    },
    flagCount: () => flags.get() ?? 0,
  }
}
type Repository = ReturnType<typeof createAuditCheckpointRepository>

/** Why `cp` cannot follow what is held, or null when it can (or is already held, unchanged). */
function continuityFault(
  repo: Repository,
  cp: AuditCheckpoint,
): { kind: AuditFlagKind; detail: string } | 'held' | null {
  const hash = auditCheckpointHash(cp)
  const same = repo.atSeq(cp.terminalId, cp.seq)
  if (same)
    return same.hash === hash
      ? 'held'
      : { kind: 'rewrite', detail: `checkpoint ${cp.seq} differs from the one held` }
  const last = repo.last(cp.terminalId)
  if (last && cp.seq < last.seq)
    return { kind: 'rewrite', detail: `checkpoint ${cp.seq} is older than the held ${last.seq}` }
  const expected = last?.hash ?? GENESIS_CHECKPOINT_HASH
  if (cp.prevCheckpoint === expected) return null
  // It follows a checkpoint held, but not the last one: history forked there.
  if (repo.byHash(cp.terminalId, cp.prevCheckpoint))
    return { kind: 'rewrite', detail: `checkpoint ${cp.seq} branches off before the last held` }
  return { kind: 'gap', detail: `checkpoint ${cp.seq} does not follow the last held` }
}

/**
 * Takes a terminal's checkpoints, oldest first: each must be signed by its registered key and
 * follow the last one held. The first that does not is answered with a coded error, after its
 * gap or rewrite is flagged (the ones before it stay stored): the error is returned, not thrown,
 * so the caller's transaction keeps the flag. Otherwise the signed acknowledgement of the newest
 * checkpoint held.
 */
export function acceptAuditCheckpoints(
  ctx: UpstreamContext,
  repo: Repository,
  terminal: AuthenticatedTerminal,
  request: AuditCheckpointsRequest,
): AuditAck | UpstreamError {
  const terminalId = terminal.record.terminalId
  const at = ctx.now().toISOString()
  const sorted = [...request.checkpoints].sort((a, b) => a.seq - b.seq)
  for (const cp of sorted) {
    if (cp.terminalId !== terminalId || cp.keyId !== terminal.record.keyId)
      return new UpstreamError('audit_checkpoint_invalid', `checkpoint ${cp.seq}: another terminal`)
    if (!verifyAuditCheckpoint(cp, terminal.publicKey))
      return new UpstreamError('audit_checkpoint_invalid', `checkpoint ${cp.seq}: bad signature`)
    const fault = continuityFault(repo, cp)
    if (fault === 'held') continue
    if (fault) {
      repo.flag(terminalId, fault.kind, cp.seq, fault.detail, at)
      ctx.log('audit checkpoint flagged', { terminalId, seq: cp.seq, kind: fault.kind })
      return new UpstreamError(fault.kind === 'gap' ? 'audit_gap' : 'audit_rewrite', fault.detail)
    }
    repo.add(cp, at)
  }
  const last = repo.last(terminalId)
  if (!last) return new UpstreamError('audit_gap', 'no checkpoint held')
  return signAuditAck(
    { terminalId, seq: last.seq, head: last.head, checkpointHash: last.hash, at },
    ctx.keys.signing.privateKey,
    ctx.keys.signing.keyId,
  )
}
