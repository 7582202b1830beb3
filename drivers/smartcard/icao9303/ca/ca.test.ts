import { describe, expect, it } from 'vitest'
import { derInteger, derOid, derSequence, derSet } from '../../../../lib/asn1/der'
import { tlv } from '../../../../lib/asn1/tlv'
import { fromHex, hex } from '../../../../lib/bytes'
import type { AccessKey } from '../access-key'
import { BacCardResponder } from '../bac/bac-card'
import { performBac } from '../bac/bac-terminal'
import type { IcaoCipher } from '../crypto/cipher'
import { curveForParameterId } from '../crypto/ec/domains'
import type { EcPublicKey } from '../crypto/ec/ec-public-key'
import { PaceCardResponder } from '../pace/pace-card'
import { performPace } from '../pace/pace-terminal'
import {
  caOid,
  encodeSecurityInfos,
  OID,
  paceOid,
  parseSecurityInfos,
  type SecurityInfo,
} from '../security-infos'
import { SecureMessagingChannel } from '../sm/secure-messaging-channel'
import { LoopbackChip, seededRandom } from '../sm/test-support'
import { CaCardResponder, generateChipAuthenticationKey } from './ca-card'
import { performChipAuthentication } from './ca-terminal'

const EF_COM = fromHex('60145F0104303130365F36063034303030305C026175')
const mrz: Extract<AccessKey, { kind: 'MRZ' }> = {
  kind: 'MRZ',
  documentNumber: '099012345',
  dateOfBirth: '990315',
  dateOfExpiry: '390315',
}

/** DG14 as the chip would store it, read back through the parser as a reader would. */
function dg14(protocol: string | null, key: EcPublicKey, keyId?: number): SecurityInfo[] {
  const infos: SecurityInfo[] = [
    {
      type: 'ChipAuthenticationPublicKeyInfo',
      protocol: OID.PK_ECDH,
      publicKey: { kind: 'EC', ...key },
      ...(keyId === undefined ? {} : { keyId }),
    },
  ]
  if (protocol) {
    infos.push({
      type: 'ChipAuthenticationInfo',
      protocol,
      version: 1,
      ...(keyId === undefined ? {} : { keyId }),
    })
  }
  return parseSecurityInfos(tlv(0x6e, encodeSecurityInfos(infos, 'explicit')))
}

async function openedWithPace(
  ca: CaCardResponder | undefined,
): Promise<{ chip: LoopbackChip; sm: SecureMessagingChannel }> {
  const protocol = paceOid('ECDH-GM', 'AES-128')
  const chip = new LoopbackChip(
    {
      pace: new PaceCardResponder({
        accessKeys: [mrz],
        protocol,
        parameterId: 13,
        randomBytes: seededRandom(11),
      }),
      ...(ca ? { ca } : {}),
    },
    new Map([[0x1e, EF_COM]]),
  )
  const keys = await performPace(
    chip,
    mrz,
    { type: 'PACEInfo', protocol, version: 2, parameterId: 13 },
    seededRandom(12),
  )
  return { chip, sm: new SecureMessagingChannel(chip, keys) }
}

describe('chip authentication', () => {
  const curve = curveForParameterId(13)!
  const chipKey = generateChipAuthenticationKey(curve, seededRandom(21), 13)

  it('AES-128 (the CCCD configuration): MSE:Set AT + GENERAL AUTHENTICATE, new keys, SSC 0', async () => {
    const protocol = caOid('ECDH', 'AES-128')
    const ca = new CaCardResponder({ protocol, curve, privateKey: chipKey.privateKey, keyId: 1 })
    const { chip, sm } = await openedWithPace(ca)
    const result = await performChipAuthentication(
      sm,
      dg14(protocol, chipKey.publicKey, 1),
      seededRandom(22),
    )
    expect(result.verdict).toBe('passed')
    if (result.verdict !== 'passed') return
    expect(result).toMatchObject({ protocol, keyId: 1 })
    // The probe ran under the new keys: SSC 0 → 2.
    expect(result.channel.ssc).toBe(2n)
    const read = await result.channel.transmit({ cla: 0, ins: 0xb0, p1: 0x9e, p2: 0, le: 4 })
    expect(hex(read.data)).toBe('60145F01')
    expect(chip.session?.ssc).toBe(4n)
  })

  it('sends the ICAO command shapes', async () => {
    const protocol = caOid('ECDH', 'AES-128')
    const ca = new CaCardResponder({ protocol, curve, privateKey: chipKey.privateKey, keyId: 1 })
    const seen: string[] = []
    const recording = {
      handle: (c: Parameters<CaCardResponder['handle']>[0]) => {
        const r = ca.handle(c)
        if (r)
          seen.push(
            hex(Uint8Array.of(c.cla, c.ins, c.p1, c.p2)) + ' ' + hex(c.data ?? new Uint8Array(0)),
          )
        return r
      },
    } as unknown as CaCardResponder
    const { sm } = await openedWithPace(recording)
    await performChipAuthentication(sm, dg14(protocol, chipKey.publicKey, 1), seededRandom(22))
    expect(seen).toHaveLength(2)
    expect(seen[0]).toBe('002241A4 800A04007F00070202030202840101')
    expect(seen[1]).toMatch(/^00860000 7C43804104[0-9A-F]{128}$/)
  })

  it.each([
    ['3DES with ChipAuthenticationInfo', caOid('ECDH', '3DES') as string | null],
    ['3DES, CA version 1 (DG14 with only the key)', null],
  ])('%s: MSE:Set KAT after BAC', async (_name, protocolInDg14) => {
    const p256 = curveForParameterId(12)!
    const key = generateChipAuthenticationKey(p256, seededRandom(31), 12)
    const chip = new LoopbackChip(
      {
        bac: new BacCardResponder(mrz, seededRandom(32)),
        ca: new CaCardResponder({
          protocol: caOid('ECDH', '3DES'),
          curve: p256,
          privateKey: key.privateKey,
        }),
      },
      new Map([[0x1e, EF_COM]]),
    )
    const sm = new SecureMessagingChannel(chip, await performBac(chip, mrz, seededRandom(33)))
    const result = await performChipAuthentication(
      sm,
      dg14(protocolInDg14, key.publicKey),
      seededRandom(34),
    )
    expect(result.verdict).toBe('passed')
    if (result.verdict === 'passed') expect(result.channel.cipher).toBe<IcaoCipher>('3DES')
  })

  it('a clone without the DG14 private key fails, without throwing', async () => {
    const protocol = caOid('ECDH', 'AES-128')
    const other = generateChipAuthenticationKey(curve, seededRandom(41), 13)
    const ca = new CaCardResponder({ protocol, curve, privateKey: other.privateKey })
    const { sm } = await openedWithPace(ca)
    const result = await performChipAuthentication(
      sm,
      dg14(protocol, chipKey.publicKey),
      seededRandom(42),
    )
    expect(result).toMatchObject({ verdict: 'failed' })
    expect(result.verdict === 'failed' && result.reason).toMatch(/CARD_SM_ERROR \(SW 6988\)/)
  })

  it('a chip that refuses the command fails with the status word', async () => {
    const protocol = caOid('ECDH', 'AES-128')
    const { sm } = await openedWithPace(undefined)
    const result = await performChipAuthentication(
      sm,
      dg14(protocol, chipKey.publicKey),
      seededRandom(42),
    )
    expect(result).toEqual({ verdict: 'failed', reason: 'MSE:Set AT refused (SW 6D00)' })
  })

  it('is not supported without a usable EC key', async () => {
    const { sm } = await openedWithPace(undefined)
    const dhOnly = parseSecurityInfos(
      derSet(
        derSequence(derOid(caOid('DH', 'AES-128')), derInteger(1)),
        derSequence(
          derOid(OID.PK_DH),
          derSequence(derSequence(derOid('1.2.840.10046.2.1')), tlv(0x03, fromHex('0002'))),
        ),
      ),
    )
    expect((await performChipAuthentication(sm, dhOnly, seededRandom(1))).verdict).toBe(
      'not-supported',
    )
    expect((await performChipAuthentication(sm, [], seededRandom(1))).verdict).toBe('not-supported')
  })
})
