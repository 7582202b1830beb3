import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../../lib/bytes'
import { decodeCommand, type CommandApdu } from '../../iso7816/apdu'
import type { AccessKey } from '../access-key'
import { ICAO_CIPHERS } from '../crypto/cipher'
import {
  AccessDeniedError,
  ChipAuthenticityError,
  IcaoProtocolError,
  ProtocolError,
  UnsupportedProtocolError,
} from '../errors'
import { paceOid, type PaceInfo } from '../security-infos'
import { SecureMessagingChannel } from '../sm/secure-messaging-channel'
import { LoopbackChip, replayRandom, ScriptedChannel, seededRandom } from '../sm/test-support'
import { ICAO_VECTORS } from '../test-vectors'
import { PaceCardResponder } from './pace-card'
import { pacePasswordKey } from './pace-password'
import { isPaceSupported } from './pace-suite'
import { performPace } from './pace-terminal'

const g1 = ICAO_VECTORS.pace
const g1Key: AccessKey = {
  kind: 'MRZ',
  documentNumber: g1.mrzDocumentNumber,
  dateOfBirth: g1.mrzDateOfBirth,
  dateOfExpiry: g1.mrzDateOfExpiry,
}
const g1Info: PaceInfo = {
  type: 'PACEInfo',
  protocol: paceOid('ECDH-GM', 'AES-128'),
  version: 2,
  parameterId: 13,
}

const transcript = (mse: string): [string, string][] => [
  [mse, g1.mseSetAtResponse],
  [g1.ga1CommandApdu, g1.ga1ResponseApdu],
  [g1.ga2CommandApdu, g1.ga2ResponseApdu],
  [g1.ga3CommandApdu, g1.ga3ResponseApdu],
  [g1.ga4CommandApdu, g1.ga4ResponseApdu],
]
const terminalRandom = () =>
  replayRandom(g1.terminalMappingPrivateKey, g1.terminalEphemeralPrivateKey)

describe('PACE passwords', () => {
  it('derives K_pi of ICAO 9303-11 G.1 from the MRZ', () => {
    expect(hex(pacePasswordKey(g1Key, 'AES-128'))).toBe(g1.kPiKdfCounter3)
  })

  it('derives K_pi from a CCCD CAN (last 6 digits of the ID) and a CCCD MRZ', () => {
    const vn = ICAO_VECTORS.vnComputed
    expect(hex(pacePasswordKey({ kind: 'CAN', can: vn.canLast6 }, 'AES-128'))).toBe(
      vn.paceCanKPiAes128,
    )
    const mrz: AccessKey = {
      kind: 'MRZ',
      documentNumber: vn.mrzInformation.slice(0, 9),
      dateOfBirth: vn.mrzInformation.slice(10, 16),
      dateOfExpiry: vn.mrzInformation.slice(17, 23),
    }
    expect(hex(pacePasswordKey(mrz, 'AES-128'))).toBe(vn.paceMrzKPiAes128)
  })
})

describe('PACE terminal side, ICAO 9303-11 Appendix G.1', () => {
  it('sends every published APDU and derives the published session keys', async () => {
    const channel = new ScriptedChannel(transcript(g1.mseSetAtCommandApduWithParamId))
    expect(isPaceSupported(g1Info)).toBe(true)
    const keys = await performPace(channel, g1Key, g1Info, terminalRandom())
    expect(channel.done).toBe(true)
    expect(keys).toEqual({
      cipher: 'AES-128',
      encKey: fromHex(g1.ksEnc),
      macKey: fromHex(g1.ksMac),
      ssc: 0n,
    })
  })

  it('sends the shorter MSE:Set AT of the appendix when asked not to name the parameters', async () => {
    const channel = new ScriptedChannel(transcript(g1.mseSetAtCommandApdu))
    await performPace(channel, g1Key, g1Info, terminalRandom(), { sendParameterId: false })
    expect(channel.done).toBe(true)
  })

  it('rejects a wrong chip token as ChipAuthenticityError', async () => {
    const steps = transcript(g1.mseSetAtCommandApduWithParamId)
    steps[4] = [g1.ga4CommandApdu, '7C0A86083ABB9674BCE93C099000']
    await expect(
      performPace(new ScriptedChannel(steps), g1Key, g1Info, terminalRandom()),
    ).rejects.toBeInstanceOf(ChipAuthenticityError)
  })

  it('maps the chip refusing our token (wrong password) to AccessDeniedError', async () => {
    const steps = transcript(g1.mseSetAtCommandApduWithParamId)
    steps[4] = [g1.ga4CommandApdu, '6300']
    await expect(
      performPace(new ScriptedChannel(steps), g1Key, g1Info, terminalRandom()),
    ).rejects.toMatchObject({ name: 'AccessDeniedError', protocol: 'PACE', sw: 0x6300 })
  })

  it('rejects a chip mapping point that is not on the curve', async () => {
    const steps = transcript(g1.mseSetAtCommandApduWithParamId).slice(0, 3)
    const bad = fromHex(g1.ga2ResponseApdu)
    bad[40] = (bad[40] ?? 0) ^ 1
    steps[2] = [g1.ga2CommandApdu, hex(bad)]
    await expect(
      performPace(new ScriptedChannel(steps), g1Key, g1Info, terminalRandom()),
    ).rejects.toBeInstanceOf(ProtocolError)
  })

  it('reports MSE:Set AT refusals: blocked password is access denied, the rest protocol errors', async () => {
    const mse = g1.mseSetAtCommandApduWithParamId
    await expect(
      performPace(new ScriptedChannel([[mse, '63C0']]), g1Key, g1Info, seededRandom(1)),
    ).rejects.toBeInstanceOf(AccessDeniedError)
    await expect(
      performPace(new ScriptedChannel([[mse, '6A80']]), g1Key, g1Info, seededRandom(1)),
    ).rejects.toBeInstanceOf(ProtocolError)
  })

  it('refuses PACE variants it does not implement', async () => {
    const unused = new ScriptedChannel([])
    for (const info of [
      { ...g1Info, protocol: paceOid('DH-GM', 'AES-128') },
      { ...g1Info, protocol: paceOid('ECDH-IM', 'AES-128') },
      { ...g1Info, parameterId: 2 },
      { type: 'PACEInfo', protocol: g1Info.protocol, version: 2 } as PaceInfo,
    ]) {
      await expect(performPace(unused, g1Key, info, seededRandom(1))).rejects.toBeInstanceOf(
        UnsupportedProtocolError,
      )
      expect(isPaceSupported(info)).toBe(false)
    }
  })

  it('fuzz: garbage from the chip at any step yields only protocol errors', async () => {
    const steps = transcript(g1.mseSetAtCommandApduWithParamId)
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.uint8Array({ maxLength: 90 }),
        async (step, garbage) => {
          const script = steps.slice(0, step + 1)
          script[step] = [script[step]![0], hex(garbage) + '9000']
          const error = await performPace(
            new ScriptedChannel(script),
            g1Key,
            g1Info,
            terminalRandom(),
          ).catch((e: unknown) => e)
          expect(error).toBeInstanceOf(IcaoProtocolError)
        },
      ),
      { numRuns: 80 },
    )
  })
})

describe('PACE chip side', () => {
  it('answers the Appendix G.1 commands byte for byte', () => {
    const card = new PaceCardResponder({
      accessKeys: [g1Key],
      protocol: g1Info.protocol,
      parameterId: 13,
      randomBytes: replayRandom(g1.nonceS, g1.chipMappingPrivateKey, g1.chipEphemeralPrivateKey),
    })
    const answers = transcript(g1.mseSetAtCommandApdu).map(([command]) => {
      const result = card.handle(decodeCommand(fromHex(command)))
      return result
        ? {
            hex: hex(result.response.data) + result.response.sw.toString(16).toUpperCase(),
            keys: result.established,
          }
        : undefined
    })
    expect(answers.map((a) => a?.hex)).toEqual(
      transcript(g1.mseSetAtCommandApdu).map(([, response]) => response),
    )
    expect(answers[4]?.keys).toEqual({
      cipher: 'AES-128',
      encKey: fromHex(g1.ksEnc),
      macKey: fromHex(g1.ksMac),
      ssc: 0n,
    })
  })

  it('answers 6A88 for a password it does not have and 6A80 for another protocol', () => {
    const card = new PaceCardResponder({
      accessKeys: [g1Key],
      protocol: g1Info.protocol,
      parameterId: 13,
      randomBytes: seededRandom(2),
    })
    const mse = (data: string): CommandApdu => ({
      cla: 0,
      ins: 0x22,
      p1: 0xc1,
      p2: 0xa4,
      data: fromHex(data),
    })
    expect(card.handle(mse('800A04007F00070202040202830102'))!.response.sw).toBe(0x6a88)
    expect(card.handle(mse('800A04007F00070202040204830101'))!.response.sw).toBe(0x6a80)
    expect(card.handle(mse('800A04007F0007020204020283010184010C'))!.response.sw).toBe(0x6a80)
    // GENERAL AUTHENTICATE without MSE:Set AT is not PACE's (CA may take it).
    expect(
      card.handle({ cla: 0x10, ins: 0x86, p1: 0, p2: 0, data: fromHex('7C00') }),
    ).toBeUndefined()
  })
})

describe('PACE terminal against the chip side', () => {
  const can: AccessKey = { kind: 'CAN', can: '012345' }
  const mrz: AccessKey = {
    kind: 'MRZ',
    documentNumber: '099012345',
    dateOfBirth: '990315',
    dateOfExpiry: '390315',
  }
  const cases = ICAO_CIPHERS.flatMap((cipher) =>
    [12, 13].flatMap((parameterId) =>
      [can, mrz].map((key) => [cipher, parameterId, key.kind, key] as const),
    ),
  )

  it.each(cases)('%s on curve %i with the %s', async (cipher, parameterId, _kind, key) => {
    const info: PaceInfo = {
      type: 'PACEInfo',
      protocol: paceOid('ECDH-GM', cipher),
      version: 2,
      parameterId,
    }
    const chip = new LoopbackChip(
      {
        pace: new PaceCardResponder({
          accessKeys: [can, mrz],
          protocol: info.protocol,
          parameterId,
          randomBytes: seededRandom(parameterId * 31 + cipher.length),
        }),
      },
      new Map([[0x1e, fromHex('60145F0104303130365F36063034303030305C026175')]]),
    )
    const keys = await performPace(chip, key, info, seededRandom(99))
    expect(keys.cipher).toBe(cipher)
    expect(chip.session?.active).toBe(true)
    const sm = new SecureMessagingChannel(chip, keys)
    const read = await sm.transmit({ cla: 0, ins: 0xb0, p1: 0x9e, p2: 0, le: 6 })
    expect(hex(read.data)).toBe('60145F010430')
  })

  it('wrong CAN: the chip answers 6300 and the terminal reports access denied', async () => {
    const chip = new LoopbackChip({
      pace: new PaceCardResponder({
        accessKeys: [can],
        protocol: g1Info.protocol,
        parameterId: 13,
        randomBytes: seededRandom(5),
      }),
    })
    const error = await performPace(
      chip,
      { kind: 'CAN', can: '012346' },
      g1Info,
      seededRandom(6),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AccessDeniedError)
    expect(chip.session).toBeNull()
  })

  it('a chip whose token is corrupted in transit fails authentication', async () => {
    const chip = new LoopbackChip({
      pace: new PaceCardResponder({
        accessKeys: [can],
        protocol: g1Info.protocol,
        parameterId: 13,
        randomBytes: seededRandom(5),
      }),
    })
    chip.tamper = (r) => {
      if (r.data[2] !== 0x86) return r
      const data = r.data.slice()
      data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 0xff
      return { ...r, data }
    }
    await expect(performPace(chip, can, g1Info, seededRandom(6))).rejects.toBeInstanceOf(
      ChipAuthenticityError,
    )
  })
})
