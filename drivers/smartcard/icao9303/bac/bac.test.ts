import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../../lib/bytes'
import { AccessDeniedError, ChipAuthenticityError, ProtocolError } from '../errors'
import { SecureMessagingChannel } from '../sm/secure-messaging-channel'
import { LoopbackChip, replayRandom, ScriptedChannel, seededRandom } from '../sm/test-support'
import { ICAO_VECTORS } from '../test-vectors'
import { BacCardResponder } from './bac-card'
import { bacKeysFromSeed, bacKeySeed, type MrzAccessKey } from './bac-keys'
import { performBac } from './bac-terminal'

const v = ICAO_VECTORS.bac
const key: MrzAccessKey = {
  kind: 'MRZ',
  documentNumber: 'L898902C',
  dateOfBirth: v.dateOfBirthYymmdd,
  dateOfExpiry: v.dateOfExpiryYymmdd,
}

describe('BAC keys, ICAO 9303-11 Appendix D.2', () => {
  it('derives K_seed, K_enc and K_mac', () => {
    const seed = bacKeySeed(key)
    expect(hex(seed)).toBe(v.kSeed)
    const { encKey, macKey } = bacKeysFromSeed(seed)
    expect(hex(encKey)).toBe(v.kEnc)
    expect(hex(macKey)).toBe(v.kMac)
  })
})

describe('BAC terminal side, Appendix D.3', () => {
  it('sends the published commands and derives the published session keys and SSC', async () => {
    const channel = new ScriptedChannel([
      ['0084000008', v.getChallengeResponseApdu],
      [v.externalAuthenticateCommandApdu, v.externalAuthenticateResponseApdu],
    ])
    const keys = await performBac(channel, key, replayRandom(v.rndIfd, v.kIfd))
    expect(channel.done).toBe(true)
    expect(keys.cipher).toBe('3DES')
    expect(hex(keys.encKey)).toBe(v.ksEnc)
    expect(hex(keys.macKey)).toBe(v.ksMac)
    expect(keys.ssc).toBe(BigInt(`0x${v.ssc}`))
  })

  it('maps 6300 and 6982 to AccessDeniedError', async () => {
    for (const sw of ['6300', '6982']) {
      const channel = new ScriptedChannel([
        ['0084000008', v.getChallengeResponseApdu],
        [v.externalAuthenticateCommandApdu, sw],
      ])
      const error = await performBac(channel, key, replayRandom(v.rndIfd, v.kIfd)).catch((e) => e)
      expect(error).toBeInstanceOf(AccessDeniedError)
      expect(error).toMatchObject({ protocol: 'BAC', sw: parseInt(sw, 16) })
    }
  })

  it('rejects a chip answer whose MAC or challenges do not verify', async () => {
    const response = fromHex(v.externalAuthenticateResponseApdu)
    for (const at of [3, 35]) {
      const tampered = response.slice()
      tampered[at] = (tampered[at] ?? 0) ^ 0x04
      const channel = new ScriptedChannel([
        ['0084000008', v.getChallengeResponseApdu],
        [v.externalAuthenticateCommandApdu, hex(tampered)],
      ])
      await expect(performBac(channel, key, replayRandom(v.rndIfd, v.kIfd))).rejects.toBeInstanceOf(
        ChipAuthenticityError,
      )
    }
  })

  it('reports other status words and truncated answers as ProtocolError', async () => {
    await expect(
      performBac(new ScriptedChannel([['0084000008', '6D00']]), key, seededRandom(1)),
    ).rejects.toBeInstanceOf(ProtocolError)
    await expect(
      performBac(new ScriptedChannel([['0084000008', '46089000']]), key, seededRandom(1)),
    ).rejects.toBeInstanceOf(ProtocolError)
    const truncated = v.externalAuthenticateResponseApdu.slice(0, 40) + '9000'
    const channel = new ScriptedChannel([
      ['0084000008', v.getChallengeResponseApdu],
      [v.externalAuthenticateCommandApdu, truncated],
    ])
    await expect(performBac(channel, key, replayRandom(v.rndIfd, v.kIfd))).rejects.toBeInstanceOf(
      ProtocolError,
    )
  })
})

describe('BAC chip side', () => {
  it('answers the Appendix D.3 exchange byte for byte', () => {
    const card = new BacCardResponder(key, replayRandom(v.rndIc, v.kIc))
    const challenge = card.handle({ cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 })
    expect(hex(challenge!.response.data)).toBe(v.rndIc)
    const command = fromHex(v.externalAuthenticateCommandApdu)
    const result = card.handle({
      cla: 0,
      ins: 0x82,
      p1: 0,
      p2: 0,
      data: command.subarray(5, 45),
      le: 40,
    })
    expect(hex(result!.response.data) + '9000').toBe(v.externalAuthenticateResponseApdu)
    expect(hex(result!.established!.encKey)).toBe(v.ksEnc)
    expect(result!.established!.ssc).toBe(BigInt(`0x${v.ssc}`))
  })

  it('runs against the terminal, then secure messaging works both ways', async () => {
    const chip = new LoopbackChip(
      { bac: new BacCardResponder(key, seededRandom(7)) },
      new Map([[0x1e, fromHex('60145F0104303130365F36063034303030305C026175')]]),
    )
    const keys = await performBac(chip, key, seededRandom(8))
    const sm = new SecureMessagingChannel(chip, keys)
    const read = await sm.transmit({ cla: 0, ins: 0xb0, p1: 0x9e, p2: 0, le: 4 })
    expect(hex(read.data)).toBe('60145F01')
    expect(read.sw).toBe(0x9000)
  })

  it('refuses a wrong MRZ with 6300, which the terminal reports as access denied', async () => {
    const chip = new LoopbackChip({ bac: new BacCardResponder(key, seededRandom(7)) })
    const wrong: MrzAccessKey = { ...key, dateOfBirth: '690807' }
    await expect(performBac(chip, wrong, seededRandom(8))).rejects.toMatchObject({
      name: 'AccessDeniedError',
      sw: 0x6300,
    })
    expect(chip.session).toBeNull()
  })

  it('wants a challenge before EXTERNAL AUTHENTICATE and a 40-byte cryptogram', () => {
    const card = new BacCardResponder(key, seededRandom(3))
    const auth = { cla: 0, ins: 0x82, p1: 0, p2: 0, data: new Uint8Array(40), le: 40 }
    expect(card.handle(auth)!.response.sw).toBe(0x6985)
    card.handle({ cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 })
    expect(card.handle({ ...auth, data: new Uint8Array(12) })!.response.sw).toBe(0x6700)
    expect(card.handle({ cla: 0, ins: 0xa4, p1: 4, p2: 0 })).toBeUndefined()
  })
})
