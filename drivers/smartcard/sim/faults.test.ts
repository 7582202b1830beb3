import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../lib/bytes'
import { CardRemovedError } from '../iso7816/errors'
import { FaultyCard } from './faults'
import { CardFileSystem } from './file-system'
import { IsoCard } from './iso-card'

const DATA = Uint8Array.from({ length: 64 }, (_, i) => i)

function faultyCard(): { faulty: FaultyCard; sleeps: number[] } {
  const sleeps: number[] = []
  const card = new IsoCard({
    files: new CardFileSystem({
      masterFiles: [
        { fid: 0x0101, data: DATA },
        { fid: 0x0102, data: DATA },
      ],
    }),
  })
  const faulty = new FaultyCard(card, {}, { sleep: async (ms) => void sleeps.push(ms) })
  return { faulty, sleeps }
}

async function send(card: FaultyCard, command: string): Promise<string> {
  return hex(await card.process(fromHex(command)))
}

describe('FaultyCard', () => {
  it('delays every answer through the injected sleep', async () => {
    const { faulty, sleeps } = faultyCard()
    faulty.arm({ delayPerApduMs: 40 })
    await send(faulty, '00A4020C020101')
    await send(faulty, '00B0000002')
    expect(sleeps).toEqual([40, 40])
  })

  it('corrupts and truncates the chosen answers only', async () => {
    const { faulty } = faultyCard()
    await send(faulty, '00A4020C020101')
    faulty.arm({
      corruptResponse: { fromApdu: 2, index: -3, xor: 0x01 },
      truncateResponse: { fromApdu: 3, keep: 1 },
    })
    expect(await send(faulty, '00B0000004')).toBe('000102039000')
    expect(await send(faulty, '00B0000004')).toBe('000102029000')
    expect(await send(faulty, '00B0000004')).toBe('009000')
    expect(await send(faulty, '00B0000004')).toBe('000102039000')
  })

  it('removes the card once a file has given its byte budget, not before', async () => {
    const { faulty } = faultyCard()
    await send(faulty, '00A4020C020102')
    faulty.arm({ removeAfterFileBytes: { fid: 0x0101, bytes: 20 } })
    expect(await send(faulty, '00B0000030')).toHaveLength(2 * (48 + 2)) // other file: no count
    await send(faulty, '00A4020C020101')
    expect(await send(faulty, '00B0000014')).toHaveLength(2 * (20 + 2)) // exactly 20
    await expect(faulty.process(fromHex('00B0001401'))).rejects.toBeInstanceOf(CardRemovedError)
    expect(faulty.isRemoved).toBe(true)
    await expect(faulty.process(fromHex('00A4000C'))).rejects.toBeInstanceOf(CardRemovedError)
    faulty.reinsert()
    faulty.arm({})
    expect(await send(faulty, '00A4000C')).toBe('9000')
  })

  it('stays mute on the matching APDUs until the card is removed', async () => {
    const { faulty, sleeps } = faultyCard()
    faulty.arm({ silence: { match: (command) => command[1] === 0xb0 } })
    expect(await send(faulty, '00A4020C020101')).toBe('9000')
    let settled = false
    const mute = faulty.process(fromHex('00B0000001')).finally(() => (settled = true))
    // A later, non-matching APDU is answered in full while the READ BINARY still has no answer,
    // and the card asked for no wait (its sleep is injected and records every request).
    expect(await send(faulty, '00A4020C020102')).toBe('9000')
    expect(settled).toBe(false)
    expect(sleeps).toEqual([])
    faulty.remove()
    await expect(mute).rejects.toBeInstanceOf(CardRemovedError)
  })
})
