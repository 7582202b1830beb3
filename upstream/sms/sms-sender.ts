import type { Clock } from '../../lib/clock'
import type { DeliveryState } from './delivery-receipt'
import { pacer, reasonOf, submitNotice, type NoticeOutcome } from './notice-submit'
import { createReceiptHold, type ReceiptHold } from './receipt-hold'
import type { SmscSession } from './smsc-session'

/** A notice waiting in the outbox, with the phone number opened for sending. */
export interface PendingSms {
  id: number
  phone: string
  text: string
  attempts: number
}

/**
 * What the sender needs of the outbox. An outbox that several processes drain claims what `due`
 * hands out (a lease), so `handBack` returns the notices a pass claimed but did not try.
 */
export interface SmsQueue {
  /** Notices whose next try is due at `at`, oldest first. */
  due(at: Date, limit: number): Promise<PendingSms[]>
  /** Makes claimed, untried notices due again at `at` (the SMSC was down, the link broke). */
  handBack(ids: readonly number[], at: Date): Promise<void>
  submitted(id: number, messageIds: readonly string[], at: Date): Promise<void>
  retryLater(id: number, attempts: number, nextAt: Date, reason: string): Promise<void>
  failed(id: number, reason: string, at: Date): Promise<void>
  /** Applies a delivery receipt; false when the message id matches no recorded part (yet). */
  receipt(messageId: string, state: DeliveryState, at: Date): Promise<boolean>
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
 * before its notice is recorded as submitted waits for it (receipt-hold.ts), and is offered again
 * at each pass (another process may have sent and recorded that notice).
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
    opened.onReceipt((r) => {
      hold
        .offer(r)
        .catch((error: unknown) => log('sms receipt failed', { reason: reasonOf(error) }))
    })
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

  return {
    async drain() {
      const report = emptyReport()
      await hold.retry()
      const due = await queue.due(now(), BATCH)
      if (due.length === 0) return report
      const link = await linked().catch((error: unknown) => {
        log('smsc unreachable', { reason: reasonOf(error) })
        return null
      })
      if (!link) {
        await queue.handBack(idsOf(due), now())
        return { ...report, smscDown: true }
      }
      const pacing = { ...options, pace, onThrottled: () => void report.throttled++ }
      for (const [i, notice] of due.entries()) {
        const outcome = await submitNotice(link, notice, reference++ & 0xff, pacing)
        await record(options, hold, notice, outcome, report)
        if (outcome.kind === 'link-lost') {
          drop(link)
          await queue.handBack(idsOf(due.slice(i + 1)), now())
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

/** Records how a notice went: submitted (and its held receipts applied), given up, or retried. */
async function record(
  options: SmsSenderOptions,
  hold: ReceiptHold,
  notice: PendingSms,
  outcome: NoticeOutcome,
  report: DrainReport,
): Promise<void> {
  const { queue, now } = options
  if (outcome.kind === 'submitted') {
    await queue.submitted(notice.id, outcome.messageIds, now())
    await hold.release(outcome.messageIds)
    report.submitted++
    return
  }
  const attempts = notice.attempts + 1
  if (outcome.kind === 'fail' || attempts >= options.maxAttempts) {
    await queue.failed(notice.id, outcome.reason, now())
    report.failed++
    options.log('sms given up', { id: notice.id, attempts, reason: outcome.reason })
    return
  }
  const nextAt = new Date(now().getTime() + options.retryDelayMs(attempts))
  await queue.retryLater(notice.id, attempts, nextAt, outcome.reason)
  report.retried++
}

const idsOf = (notices: readonly PendingSms[]) => notices.map((n) => n.id)

function emptyReport(): DrainReport {
  return { submitted: 0, retried: 0, failed: 0, throttled: 0, smscDown: false }
}
