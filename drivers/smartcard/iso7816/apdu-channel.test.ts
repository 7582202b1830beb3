import { describe, expect, it } from 'vitest'
import { hex } from '../../../lib/bytes'
import { ScriptedLink } from '../sim/scripted-link'
import { ApduChannel } from './apdu-channel'
import { CardError } from './errors'

describe('ApduChannel', () => {
  it('fetches 61xx remainders with GET RESPONSE and joins the parts', async () => {
    const link = new ScriptedLink([
      ['00 84 00 00 08', '0102 6106'],
      ['00 C0 00 00 06', '030405060708 9000'],
    ])
    const response = await new ApduChannel(link).transmit({
      cla: 0,
      ins: 0x84,
      p1: 0,
      p2: 0,
      le: 8,
    })
    expect(hex(response.data)).toBe('0102030405060708')
    expect(response.sw).toBe(0x9000)
    expect(link.remaining).toBe(0)
  })

  it('asks GET RESPONSE for 256 bytes on 6100 and keeps the logical channel of the command', async () => {
    const link = new ScriptedLink([
      ['0D B0 00 00 00', '6100'],
      ['01 C0 00 00 00', `${'AB'.repeat(256)}6282`],
    ])
    const response = await new ApduChannel(link).transmit({
      cla: 0x0d,
      ins: 0xb0,
      p1: 0,
      p2: 0,
      le: 256,
    })
    expect(response.data.length).toBe(256)
    expect(response.sw).toBe(0x6282)
  })

  it('resends once with the Le a 6Cxx answer gives', async () => {
    const link = new ScriptedLink([
      ['00 B0 00 00 10', '6C04'],
      ['00 B0 00 00 04', '61020304 9000'],
    ])
    const response = await new ApduChannel(link).transmit({
      cla: 0,
      ins: 0xb0,
      p1: 0,
      p2: 0,
      le: 16,
    })
    expect(hex(response.data)).toBe('61020304')
  })

  it('returns other status words unchanged for the caller to judge', async () => {
    const link = new ScriptedLink([['00 A4 02 0C 02 0101', '6A82']])
    const response = await new ApduChannel(link).transmit({
      cla: 0,
      ins: 0xa4,
      p1: 2,
      p2: 0x0c,
      data: Uint8Array.of(1, 1),
    })
    expect(response).toEqual({ data: new Uint8Array(0), sw: 0x6a82 })
  })

  it('gives up on a card that answers 61xx for ever', async () => {
    const link = new ScriptedLink([
      ['00 84 00 00 08', '6101'],
      ['00 C0 00 00 01', '01 6101'],
      ['00 C0 00 00 01', '02 6101'],
    ])
    const channel = new ApduChannel(link, { maxGetResponses: 2 })
    const failure = await channel
      .transmit({ cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 })
      .catch((e) => e)
    expect(failure).toBeInstanceOf(CardError)
    expect((failure as CardError).code).toBe('MALFORMED_RESPONSE')
  })

  it('turns an answer without status word into MALFORMED_RESPONSE', async () => {
    const link = new ScriptedLink([['00 84 00 00 08', '90']])
    const failure = await new ApduChannel(link)
      .transmit({ cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 })
      .catch((e) => e)
    expect((failure as CardError).code).toBe('MALFORMED_RESPONSE')
  })

  it('refuses extended lengths on a short channel and encodes them on an extended one', async () => {
    const short = new ApduChannel(new ScriptedLink())
    await expect(short.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 })).rejects.toThrow(
      RangeError,
    )
    const link = new ScriptedLink([['00 B0 00 00 00 03 E8', '9000']])
    const extended = new ApduChannel(link, { extendedLength: true })
    expect(extended.extendedLength).toBe(true)
    await extended.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 })
    expect(link.remaining).toBe(0)
  })
})
