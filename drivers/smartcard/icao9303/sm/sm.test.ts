import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concat, fromHex, hex } from '../../../../lib/bytes'
import {
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
  type CardChannel,
  type CommandApdu,
  type ResponseApdu,
} from '../../iso7816/apdu'
import { SecureMessagingError } from '../errors'
import { ICAO_VECTORS } from '../test-vectors'
import { SecureMessagingChannel } from './secure-messaging-channel'
import type { SessionKeys } from './session-keys'
import { SmCardSession } from './sm-card-session'
import { protectCommand, unprotectResponse } from './sm-codec'
import { SmCrypto } from './sm-crypto'
import { ScriptedChannel } from './test-support'

const { sm3des, smAes } = ICAO_VECTORS
const big = (h: string): bigint => BigInt(`0x${h}`)

const keys3des: SessionKeys = {
  cipher: '3DES',
  encKey: fromHex(sm3des.ksEnc),
  macKey: fromHex(sm3des.ksMac),
  ssc: big(sm3des.sscInitial),
}
const keysAes256: SessionKeys = {
  cipher: 'AES-256',
  encKey: fromHex(smAes.aes256.ksEnc),
  macKey: fromHex(smAes.aes256.ksMac),
  ssc: big(smAes.aes256.sscInitial),
}

const command = (h: string): CommandApdu => decodeCommand(fromHex(h))

/** A card-side session answering with fixed plain responses: protected in, protected out. */
class CardSideLoop implements CardChannel {
  readonly card: SmCardSession
  readonly seen: CommandApdu[] = []
  constructor(
    keys: SessionKeys,
    private readonly answer: (c: CommandApdu) => ResponseApdu,
    readonly extendedLength = false,
  ) {
    this.card = new SmCardSession(keys)
  }
  async transmit(c: CommandApdu): Promise<ResponseApdu> {
    const unwrapped = this.card.unwrapCommand(decodeCommand(encodeCommand(c)))
    if (unwrapped.kind !== 'protected') throw new Error(`card saw ${unwrapped.kind}`)
    this.seen.push(unwrapped.command)
    return decodeResponse(encodeResponse(this.card.wrapResponse(this.answer(unwrapped.command))))
  }
}

describe('3DES secure messaging, ICAO 9303-11 Appendix D.4', () => {
  it('protects the three commands and unprotects the three responses byte for byte', async () => {
    const inner = new ScriptedChannel(
      sm3des.steps.map((s) => [s.protectedCommand, s.protectedResponse] as const),
    )
    const channel = new SecureMessagingChannel(inner, keys3des)
    const responses: string[] = []
    for (const step of sm3des.steps) {
      responses.push(hex(encodeResponse(await channel.transmit(command(step.command)))))
    }
    expect(responses).toEqual(sm3des.steps.map((s) => s.response))
    expect(inner.done).toBe(true)
    expect(channel.ssc).toBe(big(sm3des.sscFinal))
  })

  it('card side: unwraps the protected commands and produces the protected responses', () => {
    const card = new SmCardSession(keys3des)
    for (const step of sm3des.steps) {
      const unwrapped = card.unwrapCommand(command(step.protectedCommand))
      expect(unwrapped.kind).toBe('protected')
      if (unwrapped.kind !== 'protected') return
      expect(hex(encodeCommand(unwrapped.command))).toBe(step.command)
      const plain = decodeResponse(fromHex(step.response))
      expect(hex(encodeResponse(card.wrapResponse(plain)))).toBe(step.protectedResponse)
    }
    expect(card.ssc).toBe(big(sm3des.sscFinal))
  })
})

describe('AES secure messaging (gmrtd vectors)', () => {
  it('protects MSE:Set AT under AES-128 with IV = E(KSenc, SSC)', () => {
    const c = smAes.aes128
    const sm = new SmCrypto({
      cipher: 'AES-128',
      encKey: fromHex(c.ksEnc),
      macKey: fromHex(c.ksMac),
      ssc: big(c.sscBefore),
    })
    const wrapped = protectCommand(sm, command(c.unprotectedCommandApdu), { extendedLength: false })
    expect(hex(encodeCommand(wrapped))).toBe(c.protectedCommandApdu)
  })

  it('reads EF.COM under AES-256, both directions byte for byte', async () => {
    const steps = smAes.aes256.steps
    const inner = new ScriptedChannel(
      steps.map((s) => [s.protectedCommand, s.protectedResponse] as const),
    )
    const channel = new SecureMessagingChannel(inner, keysAes256)
    for (const step of steps) {
      expect(hex(encodeResponse(await channel.transmit(command(step.command))))).toBe(step.response)
    }
    expect(channel.ssc).toBe(big(smAes.aes256.sscFinal))

    const card = new SmCardSession(keysAes256)
    for (const step of steps) {
      const unwrapped = card.unwrapCommand(command(step.protectedCommand))
      if (unwrapped.kind !== 'protected') throw new Error(unwrapped.kind)
      expect(hex(encodeCommand(unwrapped.command))).toBe(step.command)
      const wrapped = card.wrapResponse(decodeResponse(fromHex(step.response)))
      expect(hex(encodeResponse(wrapped))).toBe(step.protectedResponse)
    }
  })
})

describe('terminal-side failures', () => {
  const first = sm3des.steps[1]!

  async function exchange(response: string): Promise<unknown> {
    const channel = new SecureMessagingChannel(
      new ScriptedChannel([[sm3des.steps[0]!.protectedCommand, response]]),
      keys3des,
    )
    try {
      await channel.transmit(command(sm3des.steps[0]!.command))
      return 'no error'
    } catch (e) {
      return e
    }
  }

  const codeOf = (e: unknown): string => (e instanceof SecureMessagingError ? e.code : String(e))

  it('rejects a flipped MAC byte as BAD_MAC, and any later use as SESSION_CLOSED', async () => {
    const good = fromHex(sm3des.steps[0]!.protectedResponse)
    const bad = good.slice()
    bad[bad.length - 3] = (bad[bad.length - 3] ?? 0) ^ 0x01
    expect(codeOf(await exchange(hex(bad)))).toBe('BAD_MAC')

    const channel = new SecureMessagingChannel(
      new ScriptedChannel([[sm3des.steps[0]!.protectedCommand, hex(bad)]]),
      keys3des,
    )
    await expect(channel.transmit(command(sm3des.steps[0]!.command))).rejects.toThrow(
      SecureMessagingError,
    )
    expect(channel.closed).toBe(true)
    await expect(channel.transmit(command(first.command))).rejects.toMatchObject({
      code: 'SESSION_CLOSED',
    })
  })

  it('reports the chip SM errors 6987 and 6988 as CARD_SM_ERROR with the status word', async () => {
    for (const sw of ['6987', '6988']) {
      const e = await exchange(sw)
      expect(e).toMatchObject({ code: 'CARD_SM_ERROR', sw: parseInt(sw, 16) })
    }
  })

  it('requires DO99 and the MAC', async () => {
    expect(codeOf(await exchange('8E08FA855A5D4C50A8ED9000'))).toBe('MISSING_DO99')
    expect(codeOf(await exchange('9000'))).toBe('MISSING_DO99')
    expect(codeOf(await exchange('990290009000'))).toBe('MALFORMED')
  })

  it('hands a bare error status word up unchanged and keeps the session', async () => {
    const channel = new SecureMessagingChannel(
      new ScriptedChannel([[sm3des.steps[0]!.protectedCommand, '6A82']]),
      keys3des,
    )
    const response = await channel.transmit(command(sm3des.steps[0]!.command))
    expect(response).toEqual({ data: new Uint8Array(0), sw: 0x6a82 })
    expect(channel.closed).toBe(false)
  })

  it('rejects every truncation of a valid response with a typed error', async () => {
    const full = fromHex(first.protectedResponse)
    const body = full.subarray(0, full.length - 2)
    for (let n = 0; n < body.length; n++) {
      const truncated = concat(body.subarray(0, n), fromHex('9000'))
      const channel = new SecureMessagingChannel(
        new ScriptedChannel([[first.protectedCommand, hex(truncated)]]),
        { ...keys3des, ssc: big('887022120C06C228') },
      )
      await expect(channel.transmit(command(first.command))).rejects.toBeInstanceOf(
        SecureMessagingError,
      )
    }
  })

  it('fuzz: only SecureMessagingError escapes from unwrapping arbitrary responses', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 0, max: 0xffff }),
        (data, sw) => {
          const sm = new SmCrypto(keys3des)
          try {
            unprotectResponse(sm, { data, sw })
          } catch (e) {
            expect(e).toBeInstanceOf(SecureMessagingError)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('fuzz: mutating a valid protected response never passes unnoticed', () => {
    const valid = fromHex(sm3des.steps[2]!.protectedResponse)
    const expected = sm3des.steps[2]!.response
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length - 3 }),
        fc.integer({ min: 1, max: 255 }),
        (at, flip) => {
          const bytes = valid.slice()
          bytes[at] = (bytes[at] ?? 0) ^ flip
          const sm = new SmCrypto({ ...keys3des, ssc: big('887022120C06C22B') })
          try {
            const out = unprotectResponse(sm, decodeResponse(bytes))
            // Only a change the MAC does not cover may pass, and then the content is unchanged.
            expect(hex(encodeResponse(out))).toBe(expected)
          } catch (e) {
            expect(e).toBeInstanceOf(SecureMessagingError)
          }
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('card-side failures', () => {
  it('answers 6988 to a wrong MAC and ends the session', () => {
    const card = new SmCardSession(keys3des)
    const bad = fromHex(sm3des.steps[0]!.protectedCommand)
    bad[bad.length - 2] = (bad[bad.length - 2] ?? 0) ^ 0x80
    const result = card.unwrapCommand(decodeCommand(bad))
    expect(result.kind).toBe('error')
    if (result.kind === 'error') expect(result.response.sw).toBe(0x6988)
    expect(card.active).toBe(false)
    // Once ended, responses go out plain and commands are treated as unprotected.
    expect(card.wrapResponse({ data: new Uint8Array(0), sw: 0x9000 }).data).toHaveLength(0)
    expect(card.unwrapCommand(command(sm3des.steps[0]!.protectedCommand)).kind).toBe('plain')
  })

  it('answers 6987 when the SM objects are missing', () => {
    const card = new SmCardSession(keys3des)
    const result = card.unwrapCommand({ cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, le: 256 })
    expect(result).toMatchObject({ kind: 'error', response: { sw: 0x6987 } })
  })

  it('treats a plain command as the end of the session', () => {
    const card = new SmCardSession(keys3des)
    expect(card.unwrapCommand(command('00A4020C02011E')).kind).toBe('plain')
    expect(card.active).toBe(false)
  })

  it('fuzz: arbitrary protected commands get 6987/6988, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (data) => {
        const card = new SmCardSession(keys3des)
        const result = card.unwrapCommand({ cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, data })
        if (result.kind === 'error') expect([0x6987, 0x6988]).toContain(result.response.sw)
      }),
      { numRuns: 300 },
    )
  })
})

describe('terminal and card round trips', () => {
  const echo = (c: CommandApdu): ResponseApdu => ({
    data: c.data ?? Uint8Array.of(c.le ? c.le & 0xff : 0),
    sw: 0x9000,
  })

  it.each(['3DES', 'AES-128', 'AES-192', 'AES-256'] as const)(
    '%s: data, Le, odd INS (DO85) and SSC wrap-around',
    async (cipher) => {
      const keyLength = cipher === 'AES-192' ? 24 : cipher === 'AES-256' ? 32 : 16
      const blockBits = cipher === '3DES' ? 64n : 128n
      const keys: SessionKeys = {
        cipher,
        encKey: new Uint8Array(keyLength).fill(0x21),
        macKey: new Uint8Array(keyLength).fill(0x43),
        ssc: (1n << blockBits) - 2n,
      }
      const loop = new CardSideLoop(keys, echo)
      const channel = new SecureMessagingChannel(loop, keys)
      const payload = Uint8Array.from({ length: 37 }, (_, i) => i)
      const r1 = await channel.transmit({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: payload })
      expect(hex(r1.data)).toBe(hex(payload))
      expect(channel.ssc).toBe(0n) // wrapped past 2^64 / 2^128
      const r2 = await channel.transmit({
        cla: 0,
        ins: 0xb1,
        p1: 0,
        p2: 0,
        data: fromHex('54020102'),
        le: 0x30,
      })
      expect(hex(r2.data)).toBe('54020102')
      expect(loop.seen[1]).toMatchObject({ ins: 0xb1, le: 0x30 })
      const r3 = await channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 })
      expect(hex(r3.data)).toBe('E8') // the card saw Le 1000 in a two-byte DO97
    },
  )

  it('refuses a command too long for short APDUs before counting it, and stays usable', async () => {
    const keys = { ...keys3des }
    const loop = new CardSideLoop(keys, echo, false)
    const channel = new SecureMessagingChannel(loop, keys)
    // 239 bytes: DO'87' of 244 bytes + DO'8E' = 254, the largest short 3DES command.
    const fits = await channel.transmit({
      cla: 0,
      ins: 0xd6,
      p1: 0,
      p2: 0,
      data: new Uint8Array(239),
    })
    expect(fits.data).toHaveLength(239)
    const before = channel.ssc
    await expect(
      channel.transmit({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(240) }),
    ).rejects.toMatchObject({ code: 'COMMAND_TOO_LONG' })
    expect(channel.ssc).toBe(before)
    expect(channel.closed).toBe(false)
    expect((await channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1 })).sw).toBe(0x9000)
  })

  it('closes the session when the link fails mid-exchange', async () => {
    const failing: CardChannel = {
      extendedLength: false,
      transmit: () => Promise.reject(new Error('card removed')),
    }
    const channel = new SecureMessagingChannel(failing, keys3des)
    await expect(channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1 })).rejects.toThrow(
      'card removed',
    )
    await expect(
      channel.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1 }),
    ).rejects.toMatchObject({
      code: 'SESSION_CLOSED',
    })
  })

  it('uses extended length only when needed and allowed', async () => {
    const keys = { ...keys3des }
    const big = new Uint8Array(300).fill(5)
    const short = new SecureMessagingChannel(new CardSideLoop(keys, echo, false), keys)
    await expect(
      short.transmit({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: big }),
    ).rejects.toMatchObject({
      code: 'COMMAND_TOO_LONG',
    })
    const loop = new CardSideLoop(keys, echo, true)
    const extended = new SecureMessagingChannel(loop, keys)
    expect(
      (await extended.transmit({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: big })).data,
    ).toHaveLength(300)
    const sm = new SmCrypto(keys)
    const wrappedShort = protectCommand(
      sm,
      { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0xdf },
      { extendedLength: true },
    )
    expect(wrappedShort.le).toBe(256)
    const wrappedLong = protectCommand(
      sm,
      { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0xff },
      { extendedLength: true },
    )
    expect(wrappedLong.le).toBe(65536)
  })
})
