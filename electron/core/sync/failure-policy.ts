import { messageRef } from '../../../lib/messages'
import type { SyncSettings } from '../config'
import type { QueueEntry } from '../store'
import { backoffDelay } from './backoff'
import type { SyncServiceDeps } from './sync-types'
import { LocalBodyError } from './uploader'
import { isRateLimited, UpstreamRequestError } from './upstream-error'

/** What to do with a file whose upload failed. */
export type FailureDecision =
  | { outcome: 'dead'; error: UpstreamRequestError }
  | { outcome: 'retry'; error: UpstreamRequestError; delayMs: number }

/** Any failure as the upstream error it stands for (a station-side error is retryable). */
function asUpstreamError(error: unknown): UpstreamRequestError {
  if (error instanceof UpstreamRequestError) return error
  if (error instanceof LocalBodyError)
    return new UpstreamRequestError('protocol', 'permanent', error.message)
  return new UpstreamRequestError('protocol', 'retryable', {
    text: messageRef('messages.sync.stationError'),
    detail: (error as Error).message,
  })
}

/**
 * A body damaged on this disk, or a permanent refusal the upstream answered, dead-letters the file
 * at once: sending the same thing again cannot succeed. Any other permanent failure (an answer that
 * breaks the contract, such as a receipt that does not verify) gets `deadLetterAfter` attempts;
 * everything else backs off and is retried.
 */
export function decideFailure(
  entry: QueueEntry,
  error: unknown,
  settings: Pick<SyncSettings, 'deadLetterAfter' | 'backoffBaseMs' | 'backoffMaxMs'>,
  random: () => number,
): FailureDecision {
  const e = asUpstreamError(error)
  const permanent = e.errorClass === 'permanent'
  const refusedForGood = permanent && e.kind === 'http'
  if (
    error instanceof LocalBodyError ||
    refusedForGood ||
    (permanent && entry.permanentFailures + 1 >= settings.deadLetterAfter)
  )
    return { outcome: 'dead', error: e }
  return { outcome: 'retry', error: e, delayMs: backoffDelay(entry.attempts + 1, settings, random) }
}

/**
 * Network trouble, an overloaded upstream, a rate limit or a full upload quota ends the pass: the
 * other files would fail too.
 */
export function endsPass(error: unknown): boolean {
  return (
    error instanceof UpstreamRequestError &&
    (error.kind === 'network' ||
      error.status === 503 ||
      error.code === 'unavailable' ||
      error.code === 'upload_quota_exceeded' ||
      isRateLimited(error))
  )
}

/** Records a failed upload in the queue (and the audit log when the file is dead-lettered). */
export function createFailureRecorder(
  deps: Pick<SyncServiceDeps, 'db' | 'queue' | 'audit' | 'log' | 'now' | 'random' | 'settings'>,
) {
  const deadLetter = deps.db.transaction(
    (entry: QueueEntry, e: UpstreamRequestError, at: string): void => {
      deps.queue.recordFailure(entry.fileId, {
        error: e.message,
        at,
        nextAttemptAt: at,
        permanent: e.errorClass === 'permanent',
      })
      deps.queue.markDead(entry.fileId, e.message, at)
      deps.audit.append({
        actor: 'system',
        action: 'file.dead-lettered',
        subject: entry.fileId,
        details: { code: e.code ?? e.kind },
      })
    },
  )
  return (entry: QueueEntry, error: unknown): 'failed' | 'dead' | 'held' => {
    // Asked to wait: the file is not at fault, so no attempt is counted; the pass waits it out.
    if (isRateLimited(error)) return 'held'
    const decision = decideFailure(entry, error, deps.settings, deps.random)
    const now = deps.now()
    if (decision.outcome === 'dead') {
      deadLetter(entry, decision.error, now.toISOString())
      deps.log.warn('file dead-lettered', { fileId: entry.fileId, reason: decision.error.message })
      return 'dead'
    }
    deps.queue.recordFailure(entry.fileId, {
      error: decision.error.message,
      at: now.toISOString(),
      nextAttemptAt: new Date(now.getTime() + decision.delayMs).toISOString(),
      permanent: decision.error.errorClass === 'permanent',
    })
    return 'failed'
  }
}
