import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../lib/clock'
import type { DeliveryState } from './delivery-receipt'
import { createReceiptHold, type ReceiptSink } from './receipt-hold'

const AT = new Date('2026-12-02T08:00:00Z')

/** An outbox that knows the message ids in `sent` and records what it applied. */
function sinkKnowing(...sent: string[]) {
  const known = new Set(sent)
  const applied: Array<[string, DeliveryState]> = []
  return {
    known,
    applied,
    async receipt(messageId: string, state: DeliveryState) {
      if (!known.has(messageId)) return false
      applied.push([messageId, state])
      return true
    },
  }
}

function holdFor(sink: ReceiptSink, maxHeld = 10) {
  const clock = new VirtualClock()
  const logged: unknown[] = []
  const hold = createReceiptHold({
    sink,
    clock,
    now: () => AT,
    holdMs: 1000,
    maxHeld,
    log: (_message, fields) => logged.push(fields),
  })
  return { clock, hold, logged }
}

const receipt = (messageId: string, state: DeliveryState = 'delivered') => ({
  messageId,
  state,
  error: null,
})

describe('createReceiptHold', () => {
  it('passes a matched receipt straight on and holds none', async () => {
    const sink = sinkKnowing('A')
    const { hold } = holdFor(sink)
    await hold.offer(receipt('A'))
    expect(sink.applied).toEqual([['A', 'delivered']])
    expect(hold.held()).toBe(0)
  })

  it('holds an early receipt and applies its latest state once the submit is recorded', async () => {
    const sink = sinkKnowing()
    const { hold } = holdFor(sink)
    await hold.offer(receipt('A', 'enroute'))
    await hold.offer(receipt('A', 'delivered'))
    expect(hold.held()).toBe(1)
    sink.known.add('A')
    await hold.release(['A', 'B'])
    expect(sink.applied).toEqual([['A', 'delivered']])
    expect(hold.held()).toBe(0)
  })

  it('forgets held receipts after the hold time, and the oldest past the limit', async () => {
    const sink = sinkKnowing()
    const { clock, hold, logged } = holdFor(sink, 2)
    await hold.offer(receipt('A'))
    await clock.advance(500)
    await hold.offer(receipt('B'))
    await hold.offer(receipt('C'))
    expect(logged).toEqual([{ messageId: 'A', state: 'delivered', why: 'too many held' }])
    await clock.advance(600)
    sink.known.add('B').add('C')
    await hold.release([])
    await hold.release(['B', 'C'])
    expect(sink.applied).toEqual([
      ['B', 'delivered'],
      ['C', 'delivered'],
    ])
    await clock.advance(1000)
    await hold.offer(receipt('D'))
    await clock.advance(1000)
    await hold.release([])
    expect(logged).toContainEqual({
      messageId: 'D',
      state: 'delivered',
      why: 'no submit recorded in time',
    })
    expect(hold.held()).toBe(0)
  })

  it('applies a receipt whose lookup was still under way when its submit was recorded', async () => {
    const sink = sinkKnowing()
    let answer: (known: boolean) => void = () => undefined
    const { hold } = holdFor({
      receipt: (messageId: string, state: DeliveryState) =>
        sink.known.has(messageId)
          ? sink.receipt(messageId, state)
          : new Promise<boolean>((resolve) => (answer = resolve)),
    })
    const offered = hold.offer(receipt('A'))
    sink.known.add('A') // the submit is recorded while the outbox is still looking A up
    const released = hold.release(['A'])
    answer(false)
    await Promise.all([offered, released])
    expect(sink.applied).toEqual([['A', 'delivered']])
    expect(hold.held()).toBe(0)
  })

  it('applies a held receipt on a retry once another process recorded its submit', async () => {
    const sink = sinkKnowing()
    const { hold } = holdFor(sink)
    await hold.offer(receipt('A'))
    await hold.offer(receipt('B'))
    await hold.retry()
    expect(hold.held()).toBe(2)
    sink.known.add('B')
    await hold.retry()
    expect(sink.applied).toEqual([['B', 'delivered']])
    expect(hold.held()).toBe(1)
  })
})
