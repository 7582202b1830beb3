import type { Clock } from '../../lib/clock'
import type { DeliveryState } from './delivery-receipt'
import { pacer, reasonOf, submitNotice, type NoticeOutcome } from './notice-submit'
import { createReceiptHold } from './receipt-hold'
import type { SmscSession } from './smsc-session'

/** A notice waiting in the outbox, with the phone number opened for sending. */
export interface PendingSms {
  id: number
  phone: string
  text: string
  attempts: number
}

/** What the sender needs of the outbox. */
export interface SmsQueue {
  /** Notices whose next try is due at `at`, oldest first. */
  due(at: Date, limit: number): PendingSms[]
  submitted(id: number, messageIds: readonly string[], at: Date): void
  retryLater(id: number, attempts: number, nextAt: Date, reason: string): void
  failed(id: number, reason: string, at: Date): void
  /** Applies a delivery receipt; false when the message id matches no recorded part (yet). */
  receipt(messageId: string, state: DeliveryState, at: Date): boolean
}

export interface SmsSenderOptions {
  queue: SmsQueue
  connect(): Promise<SmscSession>
  /** Paces submits (monotonic). */
  clock: Clock
  /** Wall time for the outbox's records. */
  now(): Date
  /** Parts per second the SMSC contract allows. */
  ratePerSecond: number
  /** Tries before a notice is given up (a temporary refusal or a lost link counts one). */
  maxAttempts: number
  /** Wait before try `attempt + 1`. */
  retryDelayMs(attempt: number): number
  /** Wait after ESME_RTHROTTLED / ESME_RMSGQFUL before the same part goes again. */
  throttlePauseMs: number
  /** Throttle answers in a row on one part before the notice waits for a later pass. */
  maxThrottleRetries: number
  /** How long a receipt that arrived before its submit was recorded waits (default 2 min). */
  receiptHoldMs?: number
  log(message: string, fields?: Record<string, unknown>): void
}

export interface DrainReport {
  submitted: number
  retried: number
  failed: number
  /** Throttle answers waited out during the pass. */
  throttled: number
  /** The SMSC could not be reached or bound: nothing was tried, everything stays due. */
  smscDown: boolean
}

export interface SmsSender {
  /** One pass over the due notices. */
  drain(): Promise<DrainReport>
  close(): Promise<void>
}

const BATCH = 50

/** Exponential wait between tries: 30 s, 1 min, 2 min… capped at an hour. */
export function backoffDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000)
}

/**
 * Drains the outbox to the SMSC over one transceiver link, opened when needed and reopened after
 * it breaks. Receipts arriving on the link are handed to the outbox as they come; one that comes
 * before its notice is recorded as submitted waits for it (receipt-hold.ts).
 */
export function createSmsSender(options: SmsSenderOptions): SmsSender {
  const { queue, now, log } = options
  const pace = pacer(options.clock, options.ratePerSecond)
  let session: SmscSession | null = null
  let reference = 0
  const hold = createReceiptHold({
    sink: queue,
    clock: options.clock,
    now,
    holdMs: options.receiptHoldMs ?? 120_000,
    maxHeld: 10_000,
    log,
  })

  async function linked(): Promise<SmscSession> {
    if (session) return session
    const opened = await options.connect()
    opened.onReceipt((r) => hold.offer(r))
    void opened.closed.then(() => {
      if (session === opened) session = null
    })
    session = opened
    return opened
  }

  /** A link that timed out may still look open: close it so the next pass opens a fresh one. */
  function drop(link: SmscSession): void {
    if (session === link) session = null
    link.close().catch(() => undefined)
  }

  function record(notice: PendingSms, outcome: NoticeOutcome, report: DrainReport): void {
    if (outcome.kind === 'submitted') {
      queue.submitted(notice.id, outcome.messageIds, now())
      hold.release(outcome.messageIds)
      report.submitted++
      return
    }
    const attempts = notice.attempts + 1
    if (outcome.kind === 'fail' || attempts >= options.maxAttempts) {
      queue.failed(notice.id, outcome.reason, now())
      report.failed++
      log('sms given up', { id: notice.id, attempts, reason: outcome.reason })
      return
    }
    const nextAt = new Date(now().getTime() + options.retryDelayMs(attempts))
    queue.retryLater(notice.id, attempts, nextAt, outcome.reason)
    report.retried++
  }

  return {
    async drain() {
      const report = emptyReport()
      const due = queue.due(now(), BATCH)
      if (due.length === 0) return report
      const link = await linked().catch((error: unknown) => {
        log('smsc unreachable', { reason: reasonOf(error) })
        return null
      })
      if (!link) return { ...report, smscDown: true }
      const pacing = { ...options, pace, onThrottled: () => void report.throttled++ }
      for (const notice of due) {
        const outcome = await submitNotice(link, notice, reference++ & 0xff, pacing)
        record(notice, outcome, report)
        if (outcome.kind === 'link-lost') {
          drop(link)
          break
        }
      }
      return report
    },
    async close() {
      const open = session
      session = null
      await open?.close()
    },
  }
}

function emptyReport(): DrainReport {
  return { submitted: 0, retried: 0, failed: 0, throttled: 0, smscDown: false }
}
