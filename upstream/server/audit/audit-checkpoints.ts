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
import type { AsyncRepository } from '../db/async-repository'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import { UpstreamError } from '../errors'

/** A checkpoint as the upstream holds it. */
export interface HeldCheckpoint {
  seq: number
  head: string
  hash: string
}

export type AuditFlagKind = 'gap' | 'rewrite'

/** The audit tables of one upstream database (migration 008; PostgreSQL 001). */
export interface AuditCheckpointRepository {
  last(terminalId: string): HeldCheckpoint | undefined
  atSeq(terminalId: string, seq: number): HeldCheckpoint | undefined
  byHash(terminalId: string, hash: string): HeldCheckpoint | undefined
  /**
   * Stores `cp` only if it follows the terminal's last checkpoint as it is at this moment (its
   * `prevCheckpoint`, a higher seq): false when another writer got there first.
   */
  append(cp: AuditCheckpoint, receivedAt: string): boolean
  flag(terminalId: string, kind: AuditFlagKind, seq: number, detail: string, at: string): void
  flagCount(): number
}

/** The row `append` writes: the checkpoint, its hash and when it came. */
export const heldRowOf = (cp: AuditCheckpoint, receivedAt: string) => ({
  ...cp,
  hash: auditCheckpointHash(cp),
  receivedAt,
  genesis: GENESIS_CHECKPOINT_HASH,
})

export function createAuditCheckpointRepository(db: SqliteDatabase): AuditCheckpointRepository {
  const last = db.prepare<[string], HeldCheckpoint>(
    'SELECT seq, head, hash FROM audit_checkpoints WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1',
  )
  const atSeq = db.prepare<[string, number], HeldCheckpoint>(
    'SELECT seq, head, hash FROM audit_checkpoints WHERE terminal_id = ? AND seq = ?',
  )
  const byHash = db.prepare<[string, string], HeldCheckpoint>(
    'SELECT seq, head, hash FROM audit_checkpoints WHERE terminal_id = ? AND hash = ?',
  )
  const append = db.prepare(
    `INSERT INTO audit_checkpoints (terminal_id, seq, head, count, at, prev_checkpoint, key_id,
       signature, hash, received_at)
     SELECT @terminalId, @seq, @head, @count, @at, @prevCheckpoint, @keyId, @signature, @hash,
       @receivedAt
     WHERE NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE terminal_id = @terminalId
         AND seq >= @seq)
       AND coalesce((SELECT hash FROM audit_checkpoints WHERE terminal_id = @terminalId
         ORDER BY seq DESC LIMIT 1), @genesis) = @prevCheckpoint`,
  )
  const flag = db.prepare(
    'INSERT INTO audit_flags (terminal_id, kind, seq, detail, at) VALUES (?, ?, ?, ?, ?)',
  )
  const flags = db.prepare<[], number>('SELECT count(*) FROM audit_flags').pluck()
  return {
    last: (terminalId) => last.get(terminalId),
    atSeq: (terminalId, seq) => atSeq.get(terminalId, seq),
    byHash: (terminalId, hash) => byHash.get(terminalId, hash),
    append: (cp, receivedAt) => append.run(heldRowOf(cp, receivedAt)).changes === 1,
    flag(terminalId, kind, seq, detail, at) {
      flag.run(terminalId, kind, seq, detail, at)
    },
    flagCount: () => flags.get() ?? 0,
  }
}
type Repository = AsyncRepository<AuditCheckpointRepository>

/** What taking checkpoints needs of the upstream: its clock, log and signing key. */
export type AuditAcceptContext = Pick<UpstreamContext, 'now' | 'log'> & {
  keys: Pick<UpstreamContext['keys'], 'signing'>
}
type Fault = { kind: AuditFlagKind; detail: string }

/** Why `cp` cannot follow what is held, or null when it can (or is already held, unchanged). */
async function continuityFault(
  repo: Repository,
  cp: AuditCheckpoint,
  last: HeldCheckpoint | undefined,
): Promise<Fault | 'held' | null> {
  const hash = auditCheckpointHash(cp)
  const same = await repo.atSeq(cp.terminalId, cp.seq)
  if (same)
    return same.hash === hash
      ? 'held'
      : { kind: 'rewrite', detail: `checkpoint ${cp.seq} differs from the one held` }
  if (last && cp.seq < last.seq)
    return { kind: 'rewrite', detail: `checkpoint ${cp.seq} is older than the held ${last.seq}` }
  const expected = last?.hash ?? GENESIS_CHECKPOINT_HASH
  if (cp.prevCheckpoint === expected) return null
  // It follows a checkpoint held, but not the last one: history forked there.
  if (await repo.byHash(cp.terminalId, cp.prevCheckpoint))
    return { kind: 'rewrite', detail: `checkpoint ${cp.seq} branches off before the last held` }
  return { kind: 'gap', detail: `checkpoint ${cp.seq} does not follow the last held` }
}

/** Stores `cp` unless held already; its fault when it does not follow the chain. */
async function storeOne(repo: Repository, cp: AuditCheckpoint, at: string): Promise<Fault | null> {
  // Another writer may extend the chain meanwhile (a lost append, or an end that moved while
  // `cp` was judged): then it is judged again against the new end. The chain only grows, so an
  // end unchanged across the judgement means every read saw the same chain.
  for (;;) {
    const end = await repo.last(cp.terminalId)
    const fault = await continuityFault(repo, cp, end)
    if (fault === 'held') return null
    if (!fault) {
      if (await repo.append(cp, at)) return null
    } else if ((await repo.last(cp.terminalId))?.hash === end?.hash) return fault
  }
}

/**
 * Takes a terminal's checkpoints, oldest first: each must be signed by its registered key and
 * follow the last one held. The first that does not is answered with a coded error, after its
 * gap or rewrite is flagged (the ones before it stay stored): the error is returned, not thrown,
 * so a caller's transaction keeps the flag. Otherwise the signed acknowledgement of the newest
 * checkpoint held. Another process taking the same terminal's checkpoints at once cannot fork
 * the chain: `append` only extends its end as it is.
 */
export async function acceptAuditCheckpoints(
  ctx: AuditAcceptContext,
  repo: Repository,
  terminal: AuthenticatedTerminal,
  request: AuditCheckpointsRequest,
): Promise<AuditAck | UpstreamError> {
  const terminalId = terminal.record.terminalId
  const at = ctx.now().toISOString()
  const sorted = [...request.checkpoints].sort((a, b) => a.seq - b.seq)
  for (const cp of sorted) {
    if (cp.terminalId !== terminalId || cp.keyId !== terminal.record.keyId)
      return new UpstreamError('audit_checkpoint_invalid', `checkpoint ${cp.seq}: another terminal`)
    if (!verifyAuditCheckpoint(cp, terminal.publicKey))
      return new UpstreamError('audit_checkpoint_invalid', `checkpoint ${cp.seq}: bad signature`)
    const fault = await storeOne(repo, cp, at)
    if (fault) {
      await repo.flag(terminalId, fault.kind, cp.seq, fault.detail, at)
      ctx.log('audit checkpoint flagged', { terminalId, seq: cp.seq, kind: fault.kind })
      return new UpstreamError(fault.kind === 'gap' ? 'audit_gap' : 'audit_rewrite', fault.detail)
    }
  }
  const last = await repo.last(terminalId)
  if (!last) return new UpstreamError('audit_gap', 'no checkpoint held')
  return signAuditAck(
    { terminalId, seq: last.seq, head: last.head, checkpointHash: last.hash, at },
    ctx.keys.signing.privateKey,
    ctx.keys.signing.keyId,
  )
}
