import type { Clock } from '../../lib/clock'
import type { DeliveryReceipt, DeliveryState } from './delivery-receipt'

/** The part of the outbox receipts go to: answers whether the message id matched a sent part. */
export interface ReceiptSink {
  receipt(messageId: string, state: DeliveryState, at: Date): Promise<boolean>
}

export interface ReceiptHoldOptions {
  sink: ReceiptSink
  /** Monotonic: how long a receipt has been held. */
  clock: Clock
  /** Wall time for the outbox's records. */
  now(): Date
  /** How long an unmatched receipt waits for its submit to be recorded. */
  holdMs: number
  /** Most receipts held at once; the oldest goes first past it. */
  maxHeld: number
  log(message: string, fields?: Record<string, unknown>): void
}

/**
 * Receipts the outbox could not match yet. An SMSC may send a part's delivery receipt right after
 * its submit_sm_resp, before the sender has recorded the notice as submitted (it records a notice
 * once all its parts are in): such a receipt is held here and applied when the submit is recorded,
 * or dropped with a log line after `holdMs`. Offers and releases run one at a time in the order
 * they were made: a receipt whose lookup is still under way when its submit is recorded is held
 * before that release looks for it.
 */
export interface ReceiptHold {
  /** Gives the receipt to the outbox, or holds it when it matches nothing yet. */
  offer(receipt: DeliveryReceipt): Promise<void>
  /** Applies the held receipts of message ids just recorded as submitted. */
  release(messageIds: readonly string[]): Promise<void>
  /**
   * Offers every held receipt again: a receipt can reach this process for a notice another process
   * sent (and records), which no release here will ever name.
   */
  retry(): Promise<void>
  /** Number of receipts held now. */
  held(): number
}

interface Held {
  receipt: DeliveryReceipt
  since: number
}

export function createReceiptHold(options: ReceiptHoldOptions): ReceiptHold {
  const { sink, clock, now, log } = options
  const held = new Map<string, Held>()
  let tail: Promise<unknown> = Promise.resolve()
  function inTurn(work: () => Promise<void>): Promise<void> {
    const turn = tail.then(work)
    tail = turn.catch(() => undefined)
    return turn
  }

  function drop(messageId: string, why: string): void {
    const entry = held.get(messageId)
    if (!entry) return
    held.delete(messageId)
    log('sms receipt unmatched', { messageId, state: entry.receipt.state, why })
  }

  function sweep(): void {
    const oldest = clock.now() - options.holdMs
    for (const [messageId, entry] of held) {
      if (entry.since > oldest) break // insertion order is age order
      drop(messageId, 'no submit recorded in time')
    }
  }

  return {
    offer: (receipt) =>
      inTurn(async () => {
        sweep()
        if (await sink.receipt(receipt.messageId, receipt.state, now())) return
        held.delete(receipt.messageId)
        held.set(receipt.messageId, { receipt, since: clock.now() })
        const first = held.keys().next()
        if (held.size > options.maxHeld && !first.done) drop(first.value, 'too many held')
      }),
    release: (messageIds) =>
      inTurn(async () => {
        for (const messageId of messageIds) {
          const entry = held.get(messageId)
          if (!entry) continue
          held.delete(messageId)
          if (!(await sink.receipt(messageId, entry.receipt.state, now())))
            log('sms receipt unmatched', { messageId, state: entry.receipt.state, why: 'no row' })
        }
        sweep()
      }),
    retry: () =>
      inTurn(async () => {
        sweep()
        for (const [messageId, entry] of [...held]) {
          if (await sink.receipt(messageId, entry.receipt.state, now())) held.delete(messageId)
        }
      }),
    held: () => held.size,
  }
}
