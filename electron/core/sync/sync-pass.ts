import { bilingualMessage } from '../../../lib/messages'
import type { TerminalRegistration } from '../store'
import type { UpstreamInfo } from '../../../protocol'
import { createFailureRecorder } from './failure-policy'
import { uploadDueFiles, type PassPlannerParts } from './pass-planner'
import { createReceiptBatch } from './receipt-batch'
import { shipAuditCheckpoints } from './audit-shipper'
import { applyRetention } from './retention'
import { createStatusPuller } from './status-puller'
import { emptyPassResult, type SyncPassResult, type SyncServiceDeps } from './sync-types'
import { createUploader } from './uploader'
import { isRateLimited, UpstreamRequestError } from './upstream-error'

/** The probe's own timeout: an offline station should not wait a full request timeout. */
const PROBE_TIMEOUT_MS = 5000
/** The wait after a 429 that carries no readable `Retry-After`. */
const DEFAULT_RETRY_AFTER_MS = 60_000

/** One sync pass: probe, upload what is due, pull the status feed, apply retention. */
export function createSyncPass(
  deps: SyncServiceDeps,
): (maxFiles: number) => Promise<SyncPassResult> {
  const receipts = createReceiptBatch(deps)
  const parts: PassPlannerParts = {
    upload: createUploader(deps, receipts),
    receipts,
    recordFailure: createFailureRecorder(deps),
  }
  const pullStatus = createStatusPuller(deps)
  // Until then the upstream asked this station to send nothing (its rate limit).
  let heldUntilMs = Number.NEGATIVE_INFINITY

  const finish = (result: SyncPassResult, error: string | null): SyncPassResult => {
    receipts.flush()
    result.bodiesDeleted = applyRetention(deps)
    deps.syncState.recordPass({
      at: deps.now().toISOString(),
      ok: error === null,
      error,
      online: result.online,
    })
    deps.onChange?.()
    return result
  }
  const stopped = (result: SyncPassResult, reason: string): SyncPassResult => {
    result.stoppedBecause = reason
    return finish(result, reason)
  }

  return async (maxFiles) => {
    const result = emptyPassResult()
    const client = deps.client()
    const registration = deps.registration()
    if (!client) return stopped(result, bilingualMessage('messages.sync.noUpstream'))
    if (!registration) return stopped(result, bilingualMessage('messages.sync.notRegistered'))
    const heldMs = heldUntilMs - deps.now().getTime()
    if (heldMs > 0) {
      result.online = true
      result.retryAfterMs = heldMs
      const seconds = Math.ceil(heldMs / 1000)
      return stopped(result, bilingualMessage('messages.sync.rateLimited', { seconds }))
    }
    let info: UpstreamInfo
    try {
      info = await client.info(Math.min(deps.settings.requestTimeoutMs, PROBE_TIMEOUT_MS))
    } catch (error) {
      return stopped(result, error instanceof UpstreamRequestError ? error.message : String(error))
    }
    result.online = true
    const mismatch = upstreamMismatch(info, registration)
    if (mismatch !== null) return stopped(result, mismatch)
    try {
      await uploadDueFiles(deps, parts, { client, registration }, maxFiles, result)
      result.statusUpdates = await pullStatus(client)
      // After the files, and never failing the pass: an older upstream answers 404.
      if (deps.auditCheckpointer)
        await shipAuditCheckpoints({
          ...deps,
          checkpointer: deps.auditCheckpointer,
          client,
          registration,
        })
      return finish(result, null)
    } catch (error) {
      if (error instanceof UpstreamRequestError && error.kind === 'network') result.online = false
      if (isRateLimited(error)) {
        result.retryAfterMs = error.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS
        heldUntilMs = deps.now().getTime() + result.retryAfterMs
      }
      return stopped(result, error instanceof Error ? error.message : String(error))
    }
  }
}

/** Why this upstream is not the one the station registered with, or null when it is. */
function upstreamMismatch(info: UpstreamInfo, registration: TerminalRegistration): string | null {
  if (info.keys.upstreamId === registration.upstreamId) return null
  return bilingualMessage('messages.sync.otherUpstream', {
    upstreamId: info.keys.upstreamId,
    registeredId: registration.upstreamId,
  })
}
