import { sleep, type Clock } from '../../lib/clock'
import { msisdnOf } from './msisdn'
import { SmscError } from './sms-errors'
import { smsParts, SmsTooLongError, type SmsPart } from './sms-parts'
import type { SmscSession, SubmitAnswer } from './smsc-session'
import { classifyStatus, statusHex } from './smpp-status'

/** How one notice went: every part accepted, or why not and what to do about it. */
export type NoticeOutcome =
  | { kind: 'submitted'; messageIds: string[] }
  /** Worth another try later (a temporary refusal, throttling that would not end). */
  | { kind: 'retry'; reason: string }
  /** No try can succeed (a bad number, a permanent refusal). */
  | { kind: 'fail'; reason: string }
  /** The link broke mid-notice: another try later, on a new link. */
  | { kind: 'link-lost'; reason: string }

export interface SubmitPacing {
  clock: Clock
  /** Resolves when the next part may go (the SMSC's agreed rate). */
  pace(): Promise<void>
  throttlePauseMs: number
  maxThrottleRetries: number
  onThrottled(): void
}

/** Paces parts at `ratePerSecond` on the clock (one part per interval, no burst). */
export function pacer(clock: Clock, ratePerSecond: number): () => Promise<void> {
  const intervalMs = 1000 / ratePerSecond
  let nextAt = -Infinity
  return async () => {
    const wait = nextAt - clock.now()
    if (wait > 0) await sleep(clock, wait)
    nextAt = Math.max(clock.now(), nextAt) + intervalMs
  }
}

type PartOutcome = { kind: 'ok'; messageId: string } | Exclude<NoticeOutcome, { kind: 'submitted' }>

async function submitPart(
  link: SmscSession,
  part: SmsPart,
  msisdn: string,
  pacing: SubmitPacing,
): Promise<PartOutcome> {
  for (let throttled = 0; ; throttled++) {
    await pacing.pace()
    let answer: SubmitAnswer
    try {
      answer = await link.submit(part, msisdn)
    } catch (error) {
      return { kind: 'link-lost', reason: reasonOf(error) }
    }
    const verdict = classifyStatus(answer.status)
    if (verdict === 'ok') {
      if (answer.messageId) return { kind: 'ok', messageId: answer.messageId }
      return { kind: 'retry', reason: 'submit_sm_resp without message_id' }
    }
    const reason = `submit_sm ${statusHex(answer.status)}`
    if (verdict === 'permanent') return { kind: 'fail', reason }
    if (verdict === 'temporary' || throttled >= pacing.maxThrottleRetries) {
      return { kind: 'retry', reason }
    }
    pacing.onThrottled()
    await sleep(pacing.clock, pacing.throttlePauseMs)
  }
}

/**
 * Sends the parts of one notice in order. A part refused with throttling waits and goes again; any
 * other refusal stops the notice (parts already accepted are not recalled: SMPP has no way to).
 */
export async function submitNotice(
  link: SmscSession,
  notice: { phone: string; text: string },
  reference: number,
  pacing: SubmitPacing,
): Promise<NoticeOutcome> {
  const msisdn = msisdnOf(notice.phone)
  if (!msisdn) return { kind: 'fail', reason: 'not a Vietnamese mobile number' }
  let parts: SmsPart[]
  try {
    parts = smsParts(notice.text, reference)
  } catch (error) {
    if (error instanceof SmsTooLongError) return { kind: 'fail', reason: error.message }
    throw error
  }
  const messageIds: string[] = []
  for (const part of parts) {
    const outcome = await submitPart(link, part, msisdn, pacing)
    if (outcome.kind !== 'ok') return outcome
    messageIds.push(outcome.messageId)
  }
  return { kind: 'submitted', messageIds }
}

export function reasonOf(error: unknown): string {
  if (error instanceof SmscError) return error.code
  return error instanceof Error ? error.message : String(error)
}
