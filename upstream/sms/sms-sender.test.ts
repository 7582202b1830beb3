import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../lib/clock'
import type { DeliveryReceipt } from './delivery-receipt'
import { SmscError } from './sms-errors'
import type { SmsPart } from './sms-parts'
import { backoffDelayMs, createSmsSender, type SmsSenderOptions } from './sms-sender'
import type { SmscSession, SubmitAnswer } from './smsc-session'
import { ESME_RINVDSTADR, ESME_RSYSERR, ESME_RTHROTTLED } from './smpp-status'
import { memoryQueue, type MemoryQueue } from './test-support'

const AT = new Date('2026-12-02T08:00:00Z')
const SHORT = 'Ma OTP 1' // one IA5 part
const LONG = 'ệ'.repeat(140) // three UCS-2 parts

type Answer = number | 'lost'

/**
 * A link that answers each submit from `script` (status, or a lost link), then accepts. With
 * `receiptFirst`, each accepted part's receipt arrives before its submit_sm_resp is handed back.
 */
function fakeLink(clock: VirtualClock, script: Answer[] = [], receiptFirst = false) {
  const submits: Array<{ at: number; part: SmsPart; msisdn: string }> = []
  const listeners: Array<(r: DeliveryReceipt) => void> = []
  let closeLink: () => void = () => undefined
  let n = 0
  const session: SmscSession = {
    submit(part, msisdn): Promise<SubmitAnswer> {
      submits.push({ at: clock.now(), part, msisdn })
      const answer = script.shift() ?? 0
      if (answer === 'lost') return Promise.reject(new SmscError('smsc_closed', {}))
      const messageId = answer === 0 ? `M${++n}` : null
      if (messageId && receiptFirst)
        listeners.forEach((l) => l({ messageId, state: 'delivered', error: null }))
      return Promise.resolve({ status: answer, messageId })
    },
    onReceipt: (l) => void listeners.push(l),
    closed: new Promise((resolve) => (closeLink = resolve)),
    close: () => Promise.resolve(closeLink()),
  }
  return { session, submits, receipt: (r: DeliveryReceipt) => listeners.forEach((l) => l(r)) }
}

function sender(queue: MemoryQueue, clock: VirtualClock, links: SmscSession[], extra = {}) {
  let connects = 0
  const options: SmsSenderOptions = {
    queue,
    clock,
    now: () => new Date(AT.getTime() + clock.now()),
    connect: () => {
      const link = links[connects++]
      return link ? Promise.resolve(link) : Promise.reject(new SmscError('smsc_unreachable', {}))
    },
    ratePerSecond: 10,
    maxAttempts: 3,
    retryDelayMs: backoffDelayMs,
    throttlePauseMs: 1000,
    maxThrottleRetries: 2,
    log: () => undefined,
    ...extra,
  }
  return { sender: createSmsSender(options), connects: () => connects }
}

const notice = (id: number, text = SHORT, phone = '0912345678') => ({ id, phone, text })

describe('createSmsSender', () => {
  it('submits every part at the agreed rate and records the message ids', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1, LONG), notice(2)], AT)
    const link = fakeLink(clock)
    const { sender: s } = sender(queue, clock, [link.session])
    const report = await clock.run(s.drain())
    expect(report).toMatchObject({ submitted: 2, retried: 0, failed: 0, smscDown: false })
    expect(link.submits.map((x) => x.at)).toEqual([0, 100, 200, 300])
    expect(link.submits.every((x) => x.msisdn === '84912345678')).toBe(true)
    expect(queue.notices.get(1)?.messageIds).toEqual(['M1', 'M2', 'M3'])
    expect(queue.notices.get(2)?.state).toBe('submitted')
  })

  it('waits out throttling and sends the same part again', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1)], AT)
    const link = fakeLink(clock, [ESME_RTHROTTLED])
    const { sender: s } = sender(queue, clock, [link.session])
    const report = await clock.run(s.drain())
    expect(report).toMatchObject({ submitted: 1, throttled: 1 })
    expect(link.submits.map((x) => x.at)).toEqual([0, 1000])
  })

  it('puts a notice back for later when the throttling does not end', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1)], AT)
    const link = fakeLink(clock, [ESME_RTHROTTLED, ESME_RTHROTTLED, ESME_RTHROTTLED])
    const { sender: s } = sender(queue, clock, [link.session])
    expect(await clock.run(s.drain())).toMatchObject({ submitted: 0, retried: 1, throttled: 2 })
    expect(queue.notices.get(1)).toMatchObject({ state: 'pending', attempts: 1 })
  })

  it('retries a temporary refusal after the backoff, then gives up after maxAttempts', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1)], AT)
    const link = fakeLink(clock, [ESME_RSYSERR, ESME_RSYSERR, ESME_RSYSERR])
    const { sender: s } = sender(queue, clock, [link.session])
    await clock.run(s.drain())
    expect(queue.notices.get(1)?.nextAt).toEqual(new Date(AT.getTime() + 30_000))
    // Not due yet: nothing is sent.
    expect(await clock.run(s.drain())).toMatchObject({ submitted: 0, retried: 0 })
    await clock.advance(30_000)
    await clock.run(s.drain())
    await clock.advance(60_000)
    expect(await clock.run(s.drain())).toMatchObject({ failed: 1 })
    expect(queue.notices.get(1)).toMatchObject({ state: 'failed', reason: 'submit_sm 0x00000008' })
    expect(link.submits).toHaveLength(3)
  })

  it('gives up at once on a permanent refusal or a number that is not a mobile', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1), notice(2, SHORT, '024 3826 9999')], AT)
    const link = fakeLink(clock, [ESME_RINVDSTADR])
    const { sender: s } = sender(queue, clock, [link.session])
    expect(await clock.run(s.drain())).toMatchObject({ failed: 2 })
    expect(queue.notices.get(1)?.reason).toBe('submit_sm 0x0000000b')
    expect(queue.notices.get(2)?.reason).toMatch(/not a Vietnamese mobile/)
    expect(link.submits).toHaveLength(1)
  })

  it('stops the pass when the link breaks and goes on over a new link on the next one', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1), notice(2)], AT)
    const first = fakeLink(clock, ['lost'])
    const second = fakeLink(clock)
    const { sender: s, connects } = sender(queue, clock, [first.session, second.session])
    expect(await clock.run(s.drain())).toMatchObject({ submitted: 0, retried: 1 })
    expect(queue.notices.get(2)?.state).toBe('pending')
    expect(queue.handedBack).toEqual([2])
    await clock.advance(30_000)
    expect(await clock.run(s.drain())).toMatchObject({ submitted: 2 })
    expect(connects()).toBe(2)
  })

  it('leaves everything due when the SMSC cannot be reached', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1)], AT)
    const { sender: s } = sender(queue, clock, [])
    expect(await clock.run(s.drain())).toMatchObject({ smscDown: true, submitted: 0 })
    expect(queue.notices.get(1)).toMatchObject({ state: 'pending', attempts: 0 })
    expect(queue.handedBack).toEqual([1])
  })

  it('opens no link when nothing is due', async () => {
    const clock = new VirtualClock()
    const { sender: s, connects } = sender(memoryQueue([], AT), clock, [])
    expect(await clock.run(s.drain())).toMatchObject({ smscDown: false, submitted: 0 })
    expect(connects()).toBe(0)
  })

  it('hands receipts arriving on the link to the outbox', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1)], AT)
    const link = fakeLink(clock)
    const { sender: s } = sender(queue, clock, [link.session])
    await clock.run(s.drain())
    link.receipt({ messageId: 'M1', state: 'delivered', error: null })
    await queue.receiptCount(1)
    expect(queue.receipts).toEqual([{ messageId: 'M1', state: 'delivered' }])
  })

  it('applies receipts that arrive before the notice is recorded as submitted', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1, LONG)], AT)
    const link = fakeLink(clock, [], true)
    const { sender: s } = sender(queue, clock, [link.session])
    expect(await clock.run(s.drain())).toMatchObject({ submitted: 1 })
    expect(queue.receipts).toEqual(
      ['M1', 'M2', 'M3'].map((messageId) => ({ messageId, state: 'delivered' })),
    )
  })

  it('applies at its next pass a receipt for a notice another process sent', async () => {
    const clock = new VirtualClock()
    const queue = memoryQueue([notice(1)], AT)
    const link = fakeLink(clock)
    const { sender: s } = sender(queue, clock, [link.session])
    await clock.run(s.drain())
    link.receipt({ messageId: 'ELSEWHERE', state: 'delivered', error: null })
    await clock.run(s.drain())
    expect(queue.receipts).toEqual([])
    queue.notices.set(2, {
      ...notice(2),
      attempts: 0,
      state: 'submitted',
      nextAt: AT,
      messageIds: ['ELSEWHERE'],
      reason: null,
    })
    await clock.run(s.drain())
    expect(queue.receipts).toEqual([{ messageId: 'ELSEWHERE', state: 'delivered' }])
  })

  it('drops a receipt no submit claims once the hold is over, and says so', async () => {
    const clock = new VirtualClock()
    const logged: Array<{ message: string; fields?: Record<string, unknown> }> = []
    const queue = memoryQueue([notice(1)], AT)
    const link = fakeLink(clock)
    const { sender: s } = sender(queue, clock, [link.session], {
      receiptHoldMs: 60_000,
      log: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }),
    })
    await clock.run(s.drain())
    link.receipt({ messageId: 'STRAY', state: 'delivered', error: null })
    await clock.advance(60_001)
    queue.notices.get(1)?.messageIds.push('STRAY') // too late: it was dropped
    link.receipt({ messageId: 'M1', state: 'delivered', error: null })
    await queue.receiptCount(1)
    expect(queue.receipts).toEqual([{ messageId: 'M1', state: 'delivered' }])
    expect(logged).toContainEqual({
      message: 'sms receipt unmatched',
      fields: { messageId: 'STRAY', state: 'delivered', why: 'no submit recorded in time' },
    })
  })
})
