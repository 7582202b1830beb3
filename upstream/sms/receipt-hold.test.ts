import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../lib/clock'
import type { DeliveryState } from './delivery-receipt'
import { createReceiptHold } from './receipt-hold'

const AT = new Date('2026-12-02T08:00:00Z')

/** An outbox that knows the message ids in `sent` and records what it applied. */
function sinkKnowing(...sent: string[]) {
  const known = new Set(sent)
  const applied: Array<[string, DeliveryState]> = []
  return {
    known,
    applied,
    receipt(messageId: string, state: DeliveryState) {
      if (!known.has(messageId)) return false
      applied.push([messageId, state])
      return true
    },
  }
}

function holdFor(sink: ReturnType<typeof sinkKnowing>, maxHeld = 10) {
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
  it('passes a matched receipt straight on and holds none', () => {
    const sink = sinkKnowing('A')
    const { hold } = holdFor(sink)
    hold.offer(receipt('A'))
    expect(sink.applied).toEqual([['A', 'delivered']])
    expect(hold.held()).toBe(0)
  })

  it('holds an early receipt and applies its latest state once the submit is recorded', () => {
    const sink = sinkKnowing()
    const { hold } = holdFor(sink)
    hold.offer(receipt('A', 'enroute'))
    hold.offer(receipt('A', 'delivered'))
    expect(hold.held()).toBe(1)
    sink.known.add('A')
    hold.release(['A', 'B'])
    expect(sink.applied).toEqual([['A', 'delivered']])
    expect(hold.held()).toBe(0)
  })

  it('forgets held receipts after the hold time, and the oldest past the limit', async () => {
    const sink = sinkKnowing()
    const { clock, hold, logged } = holdFor(sink, 2)
    hold.offer(receipt('A'))
    await clock.advance(500)
    hold.offer(receipt('B'))
    hold.offer(receipt('C'))
    expect(logged).toEqual([{ messageId: 'A', state: 'delivered', why: 'too many held' }])
    await clock.advance(600)
    sink.known.add('B').add('C')
    hold.release([])
    hold.release(['B', 'C'])
    expect(sink.applied).toEqual([
      ['B', 'delivered'],
      ['C', 'delivered'],
    ])
    await clock.advance(1000)
    hold.offer(receipt('D'))
    await clock.advance(1000)
    hold.release([])
    expect(logged).toContainEqual({
      messageId: 'D',
      state: 'delivered',
      why: 'no submit recorded in time',
    })
    expect(hold.held()).toBe(0)
  })
})
