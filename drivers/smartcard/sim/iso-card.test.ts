import { describe, expect, it } from 'vitest'
import { tlv } from '../../../lib/asn1/tlv'
import { concat, fromHex, hex } from '../../../lib/bytes'
import type { ResponseApdu } from '../iso7816/apdu'
import type { CardCommand, SecureMessagingSession } from './card-session'
import { CardFileSystem, NEEDS_SECURE_MESSAGING } from './file-system'
import { IsoCard } from './iso-card'
import { RetryCounter } from './retry-counter'

const AID = fromHex('A0000002471001')
/** A PACEInfo: id-PACE-ECDH-GM-AES-CBC-CMAC-128, version 2, brainpoolP256r1 (13). */
const CARD_ACCESS = tlv(0x31, fromHex('3012 060A 04007F00070202040202 020102 02010D'))
const COM = tlv(0x60, fromHex('5F0104303130375F3606303430303030 5C026175'))
const DG1 = tlv(0x61, tlv(0x5f1f, new TextEncoder().encode('IDVNM')))

function newCard(options: { extendedLength?: boolean } = {}): IsoCard {
  return new IsoCard({
    ...options,
    files: new CardFileSystem({
      masterFiles: [{ fid: 0x011c, sfi: 0x1c, data: CARD_ACCESS }],
      applications: [
        {
          aid: AID,
          files: [
            { fid: 0x011e, sfi: 0x1e, data: COM },
            { fid: 0x0101, sfi: 0x01, data: DG1, read: NEEDS_SECURE_MESSAGING },
          ],
        },
      ],
    }),
  })
}

async function send(card: IsoCard, command: string): Promise<string> {
  return hex(await card.process(fromHex(command)))
}

describe('IsoCard file system commands', () => {
  it('selects the MF, its EFs, and the application by AID', async () => {
    const card = newCard()
    expect(await send(card, '00A4000C')).toBe('9000')
    expect(await send(card, '00A4000C023F00')).toBe('9000')
    expect(await send(card, '00A4020C02011C')).toBe('9000')
    expect(await send(card, '00A4020C02011E')).toBe('6A82') // EF.COM lives in the application
    expect(await send(card, '00A4040C07A0000002471001')).toBe('9000')
    expect(await send(card, '00A4020C02011E')).toBe('9000')
    expect(await send(card, '00A4040C07A0000002471002')).toBe('6A82')
    expect(await send(card, '00A4080C02011E')).toBe('6A86')
  })

  it('returns FCI and FCP when SELECT asks for data', async () => {
    const card = newCard()
    expect(await send(card, '00A4040007A000000247100100')).toBe('6F098407A00000024710019000')
    expect(await send(card, '00A4020402011E00')).toBe('620B800200168201018302011E9000')
  })

  it('reads by offset, by SFI, and with B1 and DO54', async () => {
    const card = newCard()
    await send(card, '00A4040C07A0000002471001')
    expect(await send(card, '00B09E0004')).toBe(`${hex(COM.subarray(0, 4))}9000`)
    expect(await send(card, '00B0000402')).toBe(`${hex(COM.subarray(4, 6))}9000`)
    expect(await send(card, '00B1011E0354010506')).toBe(`5304${hex(COM.subarray(5, 9))}9000`)
    // Asking more than is left: the rest and 6282.
    expect(COM.length).toBe(22)
    expect(await send(card, '00B000100B')).toBe(`${hex(COM.subarray(16))}6282`)
    expect(await send(card, '00B000FF01')).toBe('6B00')
  })

  it('answers the ISO errors of bad commands', async () => {
    const card = newCard({ extendedLength: false })
    expect(await send(card, '00B0000004')).toBe('6986') // no current EF
    expect(await send(card, '00B09E00')).toBe('6700') // no Le
    expect(await send(card, '00A4020C03011E')).toBe('6700')
    expect(await send(card, '00CA000000')).toBe('6D00')
    expect(await send(card, '80A4000C')).toBe('6E00')
    expect(await send(card, '01A4000C')).toBe('6881')
    expect(await send(card, '00A4020C0501')).toBe('6700') // Lc larger than the data
    expect(await send(card, '00B09C00000100')).toBe('6700') // extended, not accepted here
    expect(await send(card, '00C0000010')).toBe('6985') // nothing to GET RESPONSE
  })

  it('keeps an SM-only file closed to plain reads', async () => {
    const card = newCard()
    await send(card, '00A4040C07A0000002471001')
    expect(await send(card, '00B0810004')).toBe('6982')
  })
})

/**
 * A stand-in session: a protected command carries the plain one's data after a 0x99 "MAC OK"
 * byte; answers are prefixed with 0xEE. Enough to watch the card call the hook at the right time.
 */
class ToySession implements SecureMessagingSession {
  unwrapped = 0
  unwrapCommand(command: CardCommand): CardCommand {
    const data = command.data ?? new Uint8Array(0)
    if (data.length === 0) throw Object.assign(new Error('no SM objects'), { sw: 0x6987 })
    if (data[0] !== 0x99) throw new Error('bad MAC')
    this.unwrapped++
    const plain: CardCommand = { ...command, cla: command.cla & ~0x0c }
    if (data.length > 1) plain.data = data.subarray(1)
    else delete plain.data
    return plain
  }
  wrapResponse(response: ResponseApdu): ResponseApdu {
    return { data: concat(Uint8Array.of(0xee), response.data), sw: response.sw }
  }
}

describe('IsoCard secure messaging hook', () => {
  function cardWithAuth(session: SecureMessagingSession): IsoCard {
    return newCard().handle(0x82, (_command, context) => {
      context.startSecureMessaging(session)
      return { data: fromHex('CAFE'), sw: 0x9000 }
    })
  }

  it('answers the authentication in plain, then protects every answer', async () => {
    const session = new ToySession()
    const card = cardWithAuth(session)
    await send(card, '00A4040C07A0000002471001')
    expect(await send(card, '0082000000')).toBe('CAFE9000')
    expect(card.secureMessagingActive).toBe(true)
    expect(await send(card, '0CA4020C03990101')).toBe('EE9000')
    expect(await send(card, '0CB00000019904')).toBe(`EE${hex(DG1.subarray(0, 4))}9000`)
    expect(session.unwrapped).toBe(2)
  })

  it('drops the session on a bad MAC (bare 6988) and on a plain command', async () => {
    const card = cardWithAuth(new ToySession())
    await send(card, '00A4040C07A0000002471001')
    await send(card, '0082000000')
    expect(await send(card, '0CA4020C03000101')).toBe('6988')
    expect(card.secureMessagingActive).toBe(false)
    expect(await send(card, '0CA4020C03990101')).toBe('6988') // no session any more
    await send(card, '0082000000')
    expect(await send(card, '0CB0000004')).toBe('6987') // the session's own status word
    expect(card.secureMessagingActive).toBe(false)

    await send(card, '0082000000')
    expect(await send(card, '00A4020C020101')).toBe('9000')
    expect(card.secureMessagingActive).toBe(false)
    expect(await send(card, '00B0000004')).toBe('6982')
  })

  it('forgets the session and the selection on reset and power off', async () => {
    const card = cardWithAuth(new ToySession())
    await send(card, '00A4040C07A0000002471001')
    await send(card, '0082000000')
    card.reset()
    expect(card.secureMessagingActive).toBe(false)
    expect(await send(card, '00A4020C02011E')).toBe('6A82') // back at the MF
    card.powerOff()
    expect(card.isPowered).toBe(false)
  })

  it('chains long answers with 61xx when asked to', async () => {
    const card = new IsoCard({
      responseChunk: 5,
      files: new CardFileSystem({ masterFiles: [{ fid: 0x011c, data: CARD_ACCESS }] }),
    })
    await send(card, '00A4020C02011C')
    expect(await send(card, '00B000000C')).toBe(`${hex(CARD_ACCESS.subarray(0, 5))}6107`)
    expect(await send(card, '00C0000007')).toBe(`${hex(CARD_ACCESS.subarray(5, 10))}6102`)
    expect(await send(card, '00C0000002')).toBe(`${hex(CARD_ACCESS.subarray(10, 12))}9000`)
  })
})

describe('RetryCounter', () => {
  it('counts down with 63Cx, blocks with 6983, and resets on success', () => {
    const counter = new RetryCounter(3)
    expect(counter.verify(false)).toBe(0x63c2)
    expect(counter.verify(true)).toBe(0x9000)
    expect(counter.remaining).toBe(3)
    expect([counter.verify(false), counter.verify(false), counter.verify(false)]).toEqual([
      0x63c2, 0x63c1, 0x6983,
    ])
    expect(counter.blocked).toBe(true)
    expect(counter.verify(true)).toBe(0x6983)
    counter.restore()
    expect(counter.verify(true)).toBe(0x9000)
  })

  it('fails forced attempts even with the right key, and can answer a bare 6300', () => {
    const counter = new RetryCounter(5, false)
    counter.forceFailures(2)
    expect([counter.verify(true), counter.verify(true), counter.verify(true)]).toEqual([
      0x6300, 0x6300, 0x9000,
    ])
  })
})
