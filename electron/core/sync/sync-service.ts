import { bilingualMessage, messageRef } from '../../../lib/messages'
import type { KeyObject } from 'node:crypto'
import { verifyReceipt, type Receipt, type StatusItem } from '../../../protocol'
import type { AuditLog } from '../audit'
import type { SyncSettings } from '../config'
import type { Logger } from '../log'
import { publicKeyFromBase64 } from '../../../protocol/packet'
import type { Outbox } from '../queue/outbox'
import type {
  QueueEntry,
  QueueRepository,
  ReceiptRepository,
  SqliteDatabase,
  SyncStateRepository,
  TerminalRegistration,
} from '../store'
import { backoffDelay } from './backoff'
import type { UpstreamClient } from './client'
import { UpstreamRequestError } from './upstream-error'

export interface SyncPassResult {
  online: boolean
  sent: number
  failed: number
  dead: number
  statusUpdates: number
  bodiesDeleted: number
  /** Why the pass stopped early (offline, upstream unavailable, upstream mismatch), if it did. */
  stoppedBecause: string | null
}

export interface SyncServiceDeps {
  db: SqliteDatabase
  queue: QueueRepository
  receipts: ReceiptRepository
  syncState: SyncStateRepository
  audit: AuditLog
  outbox: Outbox
  registration(): TerminalRegistration | undefined
  /** The upstream to talk to now, or null when none is configured. */
  client(): UpstreamClient | null
  settings: SyncSettings
  now(): Date
  /** Uniform in [0, 1); injected for deterministic backoff jitter. */
  random(): number
  log: Logger
  /** Called after anything the queue screen shows has changed. */
  onChange?(): void
}

export interface SyncService {
  /** One pass: probe, upload what is due, pull the status feed, apply retention. Never throws. */
  runPass(options?: { maxFiles?: number }): Promise<SyncPassResult>
  /**
   * Passes until no file is queued, waiting for each next attempt time in between. Stops early
   * when `shouldStop` says so (a signal, or a deadline).
   */
  runUntilEmpty(options?: {
    shouldStop?: () => boolean
    sleep?: (ms: number) => Promise<void>
    onPass?: (result: SyncPassResult) => void
  }): Promise<SyncPassResult[]>
  /** Puts a dead-lettered file back in the queue. */
  retry(fileId: string, actor: string): boolean
}

class StopPass extends Error {}

function otherUpstreamLine(upstreamId: string, registeredId: string): string {
  return bilingualMessage('messages.sync.otherUpstream', { upstreamId, registeredId })
}

/** The file's own body cannot be sent; no retry can help. */
class LocalBodyError extends Error {}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { queue, settings } = deps
  let signingKey: { keyId: string; key: KeyObject } | null = null
  let running: Promise<SyncPassResult> | null = null

  const upstreamSigningKey = (registration: TerminalRegistration): KeyObject => {
    if (signingKey?.keyId !== registration.signingKeyId)
      signingKey = {
        keyId: registration.signingKeyId,
        key: publicKeyFromBase64(registration.signingPublicKey),
      }
    return signingKey.key
  }

  // Verified receipts wait here and commit together (one disk sync for several files). Losing
  // them in a crash costs nothing: the next announce answers `complete` with the same receipt.
  let pendingReceipts: { entry: QueueEntry; receipt: Receipt }[] = []
  const commitReceipts = deps.db.transaction(
    (batch: { entry: QueueEntry; receipt: Receipt }[], at: string): void => {
      for (const { entry, receipt } of batch) {
        deps.receipts.insert(receipt, at)
        deps.queue.markSent(entry.fileId, at)
        deps.audit.append({
          actor: 'system',
          action: 'file.sent',
          subject: entry.fileId,
          details: { receivedAt: receipt.receivedAt, keyId: receipt.keyId },
        })
      }
    },
  )
  const flushReceipts = () => {
    if (pendingReceipts.length === 0) return
    const batch = pendingReceipts
    pendingReceipts = []
    commitReceipts.immediate(batch, deps.now().toISOString())
  }

  const applyStatus = deps.db.transaction((items: StatusItem[], cursor: string): number => {
    let applied = 0
    for (const item of items) {
      if (!deps.queue.setUpstreamState(item.fileId, item.state, item.reason ?? null, item.at))
        continue
      applied++
      if (item.state !== 'received')
        deps.audit.append({
          actor: 'upstream',
          action: `file.${item.state}`,
          subject: item.fileId,
        })
    }
    deps.syncState.setCursor(cursor)
    return applied
  })

  async function upload(
    client: UpstreamClient,
    registration: TerminalRegistration,
    entry: QueueEntry,
  ): Promise<void> {
    // Check the body before sending it: a body damaged on this disk can never be accepted, so it
    // goes straight to the dead-letter state instead of being retried for ever.
    const onDisk = deps.outbox.digest(entry.fileId)
    if (!onDisk || onDisk.sha256 !== entry.sha256 || onDisk.size !== entry.size)
      throw new LocalBodyError(
        bilingualMessage(onDisk ? 'messages.sync.bodyDamaged' : 'messages.sync.bodyMissing'),
      )
    const status = await client.announce({
      fileId: entry.fileId,
      sha256: entry.sha256,
      size: entry.size,
    })
    if (status.state !== 'complete') {
      let offset = status.receivedOffset
      let stalls = 0
      while (offset < entry.size) {
        const length = Math.min(settings.chunkSize, entry.size - offset)
        const chunk = deps.outbox.read(entry.fileId, offset, length)
        try {
          const answer = await client.putChunk(entry.fileId, offset, chunk)
          stalls = answer.receivedOffset > offset ? 0 : stalls + 1
          offset = answer.receivedOffset
        } catch (error) {
          // The upstream holds a different amount than we thought (a lost answer, a crash):
          // continue from where it says, a few times at most.
          if (
            error instanceof UpstreamRequestError &&
            error.code === 'offset_mismatch' &&
            error.receivedOffset !== undefined &&
            stalls < 3
          ) {
            stalls++
            offset = error.receivedOffset
            continue
          }
          deps.queue.recordProgress(entry.fileId, offset)
          throw error
        }
        if (stalls >= 3)
          throw new UpstreamRequestError('protocol', 'retryable', {
            text: messageRef('messages.sync.uploadStopped'),
          })
      }
      const { receipt } = await client.complete(entry.fileId)
      return storeReceipt(registration, entry, receipt)
    }
    return storeReceipt(registration, entry, status.receipt)
  }

  function storeReceipt(
    registration: TerminalRegistration,
    entry: QueueEntry,
    receipt: Receipt,
  ): void {
    const valid =
      receipt.terminalId === registration.terminalId &&
      verifyReceipt(receipt, upstreamSigningKey(registration), {
        fileId: entry.fileId,
        sha256: entry.sha256,
        size: entry.size,
      })
    if (!valid)
      throw new UpstreamRequestError('protocol', 'permanent', {
        text: messageRef('messages.sync.badReceipt'),
      })
    pendingReceipts.push({ entry, receipt })
  }

  function recordFailure(entry: QueueEntry, error: unknown): 'failed' | 'dead' {
    const e =
      error instanceof UpstreamRequestError
        ? error
        : error instanceof LocalBodyError
          ? new UpstreamRequestError('protocol', 'permanent', error.message)
          : new UpstreamRequestError('protocol', 'retryable', {
              text: messageRef('messages.sync.stationError'),
              detail: (error as Error).message,
            })
    const now = deps.now()
    const permanent = e.errorClass === 'permanent'
    const hopeless = error instanceof LocalBodyError
    if (hopeless || (permanent && entry.permanentFailures + 1 >= settings.deadLetterAfter)) {
      deps.db.transaction(() => {
        deps.queue.recordFailure(entry.fileId, {
          error: e.message,
          at: now.toISOString(),
          nextAttemptAt: now.toISOString(),
          permanent,
        })
        deps.queue.markDead(entry.fileId, e.message, now.toISOString())
        deps.audit.append({
          actor: 'system',
          action: 'file.dead-lettered',
          subject: entry.fileId,
          details: { code: e.code ?? e.kind },
        })
      })()
      deps.log.warn('file dead-lettered', { fileId: entry.fileId, reason: e.message })
      return 'dead'
    }
    const delay = backoffDelay(entry.attempts + 1, settings, deps.random)
    deps.queue.recordFailure(entry.fileId, {
      error: e.message,
      at: now.toISOString(),
      nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      permanent,
    })
    return 'failed'
  }

  /** Network trouble or an overloaded upstream ends the pass: the other files would fail too. */
  const endsPass = (error: unknown) =>
    error instanceof UpstreamRequestError &&
    (error.kind === 'network' || error.status === 503 || error.code === 'unavailable')

  async function pullStatus(client: UpstreamClient): Promise<number> {
    let applied = 0
    for (let page = 0; page < 1000; page++) {
      const feed = await client.status(
        deps.syncState.get().statusCursor ?? undefined,
        settings.statusPageSize,
      )
      applied += applyStatus.immediate(feed.items, feed.cursor)
      if (!feed.more) break
    }
    return applied
  }

  function applyRetention(): number {
    const cutoff = new Date(
      deps.now().getTime() - settings.retentionDays * 86_400_000,
    ).toISOString()
    let deleted = 0
    for (;;) {
      const due = queue.retentionDue(cutoff, 500)
      for (const fileId of due) {
        deps.outbox.remove(fileId)
        queue.markBodyDeleted(fileId, deps.now().toISOString())
        deleted++
      }
      if (due.length < 500) return deleted
    }
  }

  async function pass(maxFiles: number): Promise<SyncPassResult> {
    const result: SyncPassResult = {
      online: false,
      sent: 0,
      failed: 0,
      dead: 0,
      statusUpdates: 0,
      bodiesDeleted: 0,
      stoppedBecause: null,
    }
    const client = deps.client()
    const registration = deps.registration()
    const finish = (ok: boolean, error: string | null) => {
      flushReceipts()
      result.bodiesDeleted = applyRetention()
      deps.syncState.recordPass({
        at: deps.now().toISOString(),
        ok,
        error,
        online: result.online,
      })
      deps.onChange?.()
      return result
    }
    if (!client) {
      result.stoppedBecause = bilingualMessage('messages.sync.noUpstream')
      return finish(false, result.stoppedBecause)
    }
    if (!registration) {
      result.stoppedBecause = bilingualMessage('messages.sync.notRegistered')
      return finish(false, result.stoppedBecause)
    }
    try {
      const info = await client.info(Math.min(settings.requestTimeoutMs, 5000))
      result.online = true
      if (info.keys.upstreamId !== registration.upstreamId)
        throw new StopPass(otherUpstreamLine(info.keys.upstreamId, registration.upstreamId))
    } catch (error) {
      result.stoppedBecause =
        error instanceof StopPass || error instanceof UpstreamRequestError
          ? error.message
          : String(error)
      return finish(false, result.stoppedBecause)
    }

    try {
      // Several uploads in flight, so the round trips and the two sides' disk syncs overlap.
      let handled = 0
      while (handled < maxFiles) {
        const due = queue.due(deps.now().toISOString(), Math.min(100, maxFiles - handled))
        if (due.length === 0) break
        let next = 0
        let stop: unknown = null
        const worker = async () => {
          for (let entry = due[next++]; entry && stop === null; entry = due[next++]) {
            handled++
            try {
              await upload(client, registration, entry)
              result.sent++
              if (pendingReceipts.length >= 32) flushReceipts()
            } catch (error) {
              if (recordFailure(entry, error) === 'dead') result.dead++
              else result.failed++
              if (endsPass(error)) stop = error
            }
          }
        }
        await Promise.all(
          Array.from({ length: Math.min(settings.parallelUploads, due.length) }, worker),
        )
        flushReceipts()
        deps.onChange?.()
        if (stop !== null) throw stop
      }
      result.statusUpdates = await pullStatus(client)
      return finish(true, null)
    } catch (error) {
      if (error instanceof UpstreamRequestError && error.kind === 'network') result.online = false
      result.stoppedBecause = error instanceof Error ? error.message : String(error)
      return finish(false, result.stoppedBecause)
    }
  }

  const service: SyncService = {
    runPass(options = {}) {
      // One pass at a time: the scheduler and an officer's "sync now" share it.
      running ??= pass(options.maxFiles ?? Number.MAX_SAFE_INTEGER)
        .catch((error: unknown): SyncPassResult => {
          deps.log.error('sync pass failed', { error: String(error) })
          return {
            online: false,
            sent: 0,
            failed: 0,
            dead: 0,
            statusUpdates: 0,
            bodiesDeleted: 0,
            stoppedBecause: String(error),
          }
        })
        .finally(() => {
          running = null
        })
      return running
    },
    async runUntilEmpty(options = {}) {
      const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)))
      const results: SyncPassResult[] = []
      for (;;) {
        const result = await service.runPass()
        results.push(result)
        options.onPass?.(result)
        const { queued, nextAttemptAt } = queue.summary()
        if (queued === 0 || options.shouldStop?.()) return results
        const wait = result.online
          ? Math.max(0, Date.parse(nextAttemptAt ?? '') - deps.now().getTime())
          : settings.intervalMs
        await sleep(
          Math.min(Number.isFinite(wait) ? wait : settings.intervalMs, settings.backoffMaxMs),
        )
        if (options.shouldStop?.()) return results
      }
    },
    retry(fileId, actor) {
      const at = deps.now().toISOString()
      const done = deps.db.transaction(() => {
        if (!queue.requeue(fileId, at)) return false
        deps.audit.append({ actor, action: 'file.requeued', subject: fileId })
        return true
      })()
      if (done) deps.onChange?.()
      return done
    },
  }
  return service
}
