import { describe, expect, it } from 'vitest'
import { fromHex } from '../../../lib/bytes'
import { type CardError } from '../iso7816/errors'
import { CardFileSystem } from './file-system'
import { IsoCard } from './iso-card'
import { NFC_BIT_RATE, SimulatedLink, exchangeMs } from './simulated-link'
import type { VirtualCard } from './virtual-card'

function isoCard(): IsoCard {
  return new IsoCard({
    files: new CardFileSystem({ masterFiles: [{ fid: 0x011c, data: new Uint8Array(300) }] }),
  })
}

describe('SimulatedLink', () => {
  it('powers the card on, counts APDUs and bytes both ways', async () => {
    const card = isoCard()
    const link = new SimulatedLink(card)
    expect(card.isPowered).toBe(true)
    await link.transmit(fromHex('00A4020C02011C')) // 7 out, 2 back
    await link.transmit(fromHex('00B0000000')) // 5 out, 256 + 2 back
    expect(link.stats).toMatchObject({ apdus: 2, bytesSent: 12, bytesReceived: 260 })
    await link.disconnect()
    expect(card.isPowered).toBe(false)
    const closed = (await link.transmit(fromHex('00A4000C')).catch((e) => e)) as CardError
    expect(closed.code).toBe('LINK_CLOSED')
  })

  it('charges air time from the bit rate: 848 kbit/s is eight times faster than 106', async () => {
    const waits: number[] = []
    const sleep = async (ms: number): Promise<void> => void waits.push(ms)
    const slow = new SimulatedLink(isoCard(), { pacing: { bitRate: NFC_BIT_RATE[106] }, sleep })
    const fast = new SimulatedLink(isoCard(), { pacing: { bitRate: NFC_BIT_RATE[848] }, sleep })
    await slow.transmit(fromHex('00A4020C02011C'))
    await fast.transmit(fromHex('00A4020C02011C'))
    // 9 bytes of 9 bits at 105 937.5 bit/s.
    expect(waits[0]).toBeCloseTo((81 * 1000) / 105_937.5, 6)
    expect(waits[0]! / waits[1]!).toBeCloseTo(8, 6)
    expect(slow.stats.pacedMs).toBe(waits[0])
    expect(exchangeMs({ bitRate: 1000, bitsPerByte: 10, perApduMs: 5 }, 3, 2)).toBe(55)
  })

  it('runs one exchange at a time', async () => {
    const order: string[] = []
    // The first command answers only when the test opens its gate; the second at once.
    let openGate = (): void => {}
    const gate = new Promise<void>((resolve) => (openGate = resolve))
    const card: VirtualCard = {
      atr: new Uint8Array(0),
      powerOn: () => {},
      powerOff: () => {},
      reset: () => {},
      process: async (command) => {
        order.push(`start ${command[1]}`)
        if (command[1] === 1) await gate
        order.push(`end ${command[1]}`)
        return fromHex('9000')
      },
    }
    const link = new SimulatedLink(card, { sleep: async () => {} })
    const both = Promise.all([
      link.transmit(fromHex('00010000')),
      link.transmit(fromHex('00020000')),
    ])
    // Everything here is promise continuations (no I/O, no timers): once the microtask queue
    // has drained, the second command would have started if the link did not serialise.
    await new Promise((resolve) => setImmediate(resolve))
    expect(order).toEqual(['start 1'])
    openGate()
    await both
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2'])
  })
})
