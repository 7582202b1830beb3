import { bilingualMessage, messageRef } from '../../../lib/messages'
import type { Receipt } from '../../../protocol'
import type { QueueEntry, TerminalRegistration } from '../store'
import type { UpstreamClient } from './client'
import type { ReceiptBatch } from './receipt-batch'
import type { SyncServiceDeps } from './sync-types'
import { UpstreamRequestError } from './upstream-error'

/** The file's own body cannot be sent; no retry can help. */
export class LocalBodyError extends Error {}

/** How many answers in a row may leave the upstream's offset where it was before we give up. */
const MAX_STALLS = 3

export type UploadFile = (
  client: UpstreamClient,
  registration: TerminalRegistration,
  entry: QueueEntry,
) => Promise<void>

/**
 * Uploads one file: announce, the chunks the upstream does not hold yet, the last one completing
 * the file (or a complete of its own, for an upstream without that); the verified receipt goes to
 * `receipts` (committed later, in a batch).
 */
export function createUploader(
  deps: Pick<SyncServiceDeps, 'outbox' | 'queue' | 'settings' | 'onProgress'>,
  receipts: ReceiptBatch,
): UploadFile {
  const sendChunks = createChunkSender(deps)
  const uploadOnce: UploadFile = async (client, registration, entry) => {
    const status = await client.announce({
      fileId: entry.fileId,
      sha256: entry.sha256,
      size: entry.size,
    })
    if (status.state === 'complete') return receipts.hold(registration, entry, status.receipt)
    const completed = await sendChunks(client, entry, status.receivedOffset)
    const receipt = completed ?? (await client.complete(entry.fileId)).receipt
    receipts.hold(registration, entry, receipt)
  }
  return async (client, registration, entry) => {
    checkLocalBody(deps, entry)
    try {
      await uploadOnce(client, registration, entry)
    } catch (error) {
      // The upstream purged this unfinished upload (its expiry) after our announce: announce
      // again, which starts the file over from the offset it answers (0).
      if (!(error instanceof UpstreamRequestError) || error.code !== 'unknown_file') throw error
      await uploadOnce(client, registration, entry)
    }
  }
}

/** An upstream older than `complete=1` on the last chunk refuses the parameter as a bad request. */
function refusesCompleteFlag(error: unknown): boolean {
  return (
    error instanceof UpstreamRequestError && error.status === 400 && error.code === 'bad_request'
  )
}

/**
 * Checks the body before sending it: a body damaged on this disk can never be accepted, so it goes
 * straight to the dead-letter state instead of being retried for ever.
 */
function checkLocalBody(deps: Pick<SyncServiceDeps, 'outbox'>, entry: QueueEntry): void {
  const onDisk = deps.outbox.digest(entry.fileId)
  if (!onDisk || onDisk.sha256 !== entry.sha256 || onDisk.size !== entry.size)
    throw new LocalBodyError(
      bilingualMessage(onDisk ? 'messages.sync.bodyDamaged' : 'messages.sync.bodyMissing'),
    )
}

function createChunkSender(
  deps: Pick<SyncServiceDeps, 'outbox' | 'queue' | 'settings' | 'onProgress'>,
) {
  const report = (entry: QueueEntry, bytesSent: number) =>
    deps.onProgress?.({ fileId: entry.fileId, bytesSent, bytesTotal: entry.size })
  // Upstreams that refused `complete=1`: their files are completed by a request of their own.
  const withoutCompleteFlag = new Set<string>()
  /** Sends what the upstream lacks; the receipt when the last chunk completed the file, else null. */
  return async (
    client: UpstreamClient,
    entry: QueueEntry,
    from: number,
  ): Promise<Receipt | null> => {
    let offset = from
    let stalls = 0
    // A resumed upload starts where the upstream says, not at zero.
    report(entry, offset)
    while (offset < entry.size) {
      const length = Math.min(deps.settings.chunkSize, entry.size - offset)
      const chunk = deps.outbox.read(entry.fileId, offset, length)
      const last = offset + length === entry.size && !withoutCompleteFlag.has(client.baseUrl)
      try {
        const answer = await client.putChunk(entry.fileId, offset, chunk, last)
        stalls = answer.receivedOffset > offset ? 0 : stalls + 1
        offset = answer.receivedOffset
        report(entry, offset)
        if (answer.receipt) return answer.receipt
      } catch (error) {
        if (last && refusesCompleteFlag(error)) {
          withoutCompleteFlag.add(client.baseUrl)
          continue
        }
        // The upstream holds a different amount than we thought (a lost answer, a crash):
        // continue from where it says, a few times at most.
        if (
          error instanceof UpstreamRequestError &&
          error.code === 'offset_mismatch' &&
          error.receivedOffset !== undefined &&
          stalls < MAX_STALLS
        ) {
          stalls++
          offset = error.receivedOffset
          continue
        }
        deps.queue.recordProgress(entry.fileId, offset)
        throw error
      }
      if (stalls >= MAX_STALLS)
        throw new UpstreamRequestError('protocol', 'retryable', {
          text: messageRef('messages.sync.uploadStopped'),
        })
    }
    return null
  }
}
