import type { QueueEntry, TerminalRegistration } from '../store'
import type { UpstreamClient } from './client'
import { endsPass } from './failure-policy'
import type { ReceiptBatch } from './receipt-batch'
import type { SyncPassResult, SyncServiceDeps } from './sync-types'
import type { UploadFile } from './uploader'

/** Files taken from the queue at a time. */
const DUE_BATCH = 100
/** Held receipts are committed once this many wait, so a long pass does not lose much in a crash. */
const RECEIPT_FLUSH_AT = 32

export interface PassPlannerParts {
  upload: UploadFile
  receipts: ReceiptBatch
  recordFailure(entry: QueueEntry, error: unknown): 'failed' | 'dead' | 'held'
}

/**
 * Uploads what is due, batch by batch, `parallelUploads` files in flight so the round trips and
 * the two sides' disk syncs overlap. Counts into `result`; rethrows the first failure that ends
 * the pass (network trouble, an overloaded upstream) once its batch has settled.
 */
export async function uploadDueFiles(
  deps: Pick<SyncServiceDeps, 'queue' | 'settings' | 'now' | 'onChange'>,
  parts: PassPlannerParts,
  target: { client: UpstreamClient; registration: TerminalRegistration },
  maxFiles: number,
  result: SyncPassResult,
): Promise<void> {
  let handled = 0
  while (handled < maxFiles) {
    const due = deps.queue.due(deps.now().toISOString(), Math.min(DUE_BATCH, maxFiles - handled))
    if (due.length === 0) return
    handled += due.length
    const stop = await uploadBatch(deps.settings.parallelUploads, parts, target, due, result)
    parts.receipts.flush()
    deps.onChange?.()
    if (stop !== null) throw stop.error
  }
}

async function uploadBatch(
  parallel: number,
  parts: PassPlannerParts,
  target: { client: UpstreamClient; registration: TerminalRegistration },
  due: QueueEntry[],
  result: SyncPassResult,
): Promise<{ error: unknown } | null> {
  let next = 0
  let stop: { error: unknown } | null = null
  const worker = async () => {
    for (let entry = due[next++]; entry && stop === null; entry = due[next++]) {
      try {
        await parts.upload(target.client, target.registration, entry)
        result.sent++
        if (parts.receipts.pending() >= RECEIPT_FLUSH_AT) parts.receipts.flush()
      } catch (error) {
        const outcome = parts.recordFailure(entry, error)
        if (outcome === 'dead') result.dead++
        else if (outcome === 'failed') result.failed++
        if (endsPass(error)) stop = { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, due.length) }, worker))
  return stop
}
