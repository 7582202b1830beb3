import {
  AUDIT_CHECKPOINT_BATCH_MAX,
  auditCheckpointHash,
  publicKeyFromBase64,
  verifyAuditAck,
  type AuditAck,
} from '../../../protocol'
import { wireCheckpoint, type AuditCheckpointer } from '../audit'
import type { Logger } from '../log'
import type { TerminalRegistration } from '../store'
import type { UpstreamClient } from './client'
import { UpstreamRequestError } from './upstream-error'

/** What one shipping pass did; never thrown: file sync goes on whatever happens here. */
export type AuditShipResult =
  | { kind: 'shipped'; acknowledgedSeq: number | null; sent: number }
  /** The upstream does not know the route (404): an older upstream. */
  | { kind: 'unsupported' }
  | { kind: 'failed'; sent: number; error: string; code: string | null }

/** Why `ack` is not the acknowledgement of `sent` by the registered upstream, or null. */
function ackProblem(
  ack: AuditAck,
  sent: { terminalId: string; seq: number; hash: string; head: string },
  registration: TerminalRegistration,
): string | null {
  if (ack.keyId !== registration.signingKeyId) return 'signed by another key'
  if (!verifyAuditAck(ack, publicKeyFromBase64(registration.signingPublicKey)))
    return 'bad signature'
  if (ack.terminalId !== sent.terminalId || ack.seq !== sent.seq) return 'acknowledges another seq'
  if (ack.checkpointHash !== sent.hash || ack.head !== sent.head)
    return 'acknowledges another checkpoint'
  return null
}

/**
 * Signs a checkpoint if one is due (the "at least daily" tick of an idle station), then sends the
 * checkpoints the upstream has not acknowledged, oldest first, and keeps each verified ack.
 */
export async function shipAuditCheckpoints(deps: {
  checkpointer: AuditCheckpointer
  client: UpstreamClient
  registration: TerminalRegistration
  now(): Date
  log: Logger
}): Promise<AuditShipResult> {
  const { checkpointer, client, registration } = deps
  checkpointer.checkpointIfDue()
  let sent = 0
  for (;;) {
    const batch = checkpointer.anchors.unacknowledged(AUDIT_CHECKPOINT_BATCH_MAX)
    const last = batch.at(-1)
    if (!last)
      return {
        kind: 'shipped',
        acknowledgedSeq: checkpointer.anchors.newestAck()?.seq ?? null,
        sent,
      }
    let ack: AuditAck
    try {
      ack = (await client.auditCheckpoints({ checkpoints: batch.map(wireCheckpoint) })).ack
    } catch (error) {
      if (error instanceof UpstreamRequestError && error.status === 404)
        return { kind: 'unsupported' }
      const message = error instanceof Error ? error.message : String(error)
      const code = error instanceof UpstreamRequestError ? (error.code ?? null) : null
      deps.log.warn('audit checkpoints not acknowledged', { error: message, code })
      return { kind: 'failed', sent, error: message, code }
    }
    const problem = ackProblem(ack, { ...last, hash: auditCheckpointHash(last) }, registration)
    if (problem) {
      deps.log.warn('audit acknowledgement refused', { problem, seq: ack.seq })
      return { kind: 'failed', sent, error: `acknowledgement ${problem}`, code: null }
    }
    checkpointer.anchors.addAck(ack, registration.upstreamId, deps.now().toISOString())
    sent += batch.length
  }
}
