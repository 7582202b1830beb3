import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { derInteger, derOid, derSequence, derSet } from '../../../lib/asn1/der'
import { tlv } from '../../../lib/asn1/tlv'
import { fromHex, hex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { curveForParameterId } from './crypto/ec/domains'
import { encodeEcSubjectPublicKeyInfo } from './crypto/ec/ec-public-key'
import { publicKeyOf } from './crypto/ec/keys'
import {
  caOid,
  caProtocolOf,
  encodeSecurityInfos,
  findPaceInfos,
  OID,
  paceOid,
  paceProtocolOf,
  parseSecurityInfos,
  type SecurityInfo,
} from './security-infos'
import { ICAO_VECTORS } from './test-vectors'

describe('SecurityInfos of EF.CardAccess', () => {
  it('decodes the Vietnamese CCCD EF.CardAccess', () => {
    const infos = parseSecurityInfos(fromHex(ICAO_VECTORS.cccdCardAccess))
    expect(infos).toEqual([
      { type: 'TerminalAuthenticationInfo', protocol: '0.4.0.127.0.7.2.2.2', version: 1 },
      { type: 'ChipAuthenticationInfo', protocol: '0.4.0.127.0.7.2.2.3.2.2', version: 1 },
      { type: 'PACEInfo', protocol: '0.4.0.127.0.7.2.2.4.2.2', version: 2, parameterId: 13 },
    ])
    const [pace] = findPaceInfos(infos)
    expect(paceProtocolOf(pace!.protocol)).toEqual({ mapping: 'ECDH-GM', cipher: 'AES-128' })
  })

  it('decodes the ICAO 9303-11 G.1 EF.CardAccess and re-encodes it identically', () => {
    const bytes = fromHex(ICAO_VECTORS.pace.efCardaccess)
    const infos = parseSecurityInfos(bytes)
    expect(infos).toEqual([
      { type: 'PACEInfo', protocol: paceOid('ECDH-GM', 'AES-128'), version: 2, parameterId: 13 },
    ])
    expect(hex(encodeSecurityInfos(infos))).toBe(ICAO_VECTORS.pace.efCardaccess)
  })

  it('re-encodes the CCCD EF.CardAccess byte for byte (DER SET order)', () => {
    const bytes = fromHex(ICAO_VECTORS.cccdCardAccess)
    expect(hex(encodeSecurityInfos(parseSecurityInfos(bytes)))).toBe(ICAO_VECTORS.cccdCardAccess)
  })
})

describe('OIDs', () => {
  it('names PACE and CA protocols', () => {
    expect(paceOid('ECDH-GM', '3DES')).toBe('0.4.0.127.0.7.2.2.4.2.1')
    expect(paceOid('ECDH-GM', 'AES-256')).toBe('0.4.0.127.0.7.2.2.4.2.4')
    expect(caOid('ECDH', 'AES-128')).toBe('0.4.0.127.0.7.2.2.3.2.2')
    expect(caProtocolOf('0.4.0.127.0.7.2.2.3.1.1')).toEqual({ agreement: 'DH', cipher: '3DES' })
    expect(paceProtocolOf('0.4.0.127.0.7.2.2.4.2')).toBeUndefined()
    expect(paceProtocolOf('0.4.0.127.0.7.2.2.4.5.1')).toBeUndefined()
    expect(caProtocolOf('0.4.0.127.0.7.2.2.3.2.9')).toBeUndefined()
  })
})

describe('DG14 SecurityInfos', () => {
  const curve = curveForParameterId(13)!
  const key = { curve, parameterId: 13, point: publicKeyOf(curve, 987654321n) }

  it.each(['explicit', 'named', 'standardized'] as const)(
    'round-trips CA info, CA public key (%s parameters) and AA info inside 6E',
    (style) => {
      const infos: SecurityInfo[] = [
        {
          type: 'ChipAuthenticationInfo',
          protocol: caOid('ECDH', 'AES-128'),
          version: 1,
          keyId: 7,
        },
        {
          type: 'ChipAuthenticationPublicKeyInfo',
          protocol: OID.PK_ECDH,
          publicKey: { kind: 'EC', ...key },
          keyId: 7,
        },
        {
          type: 'ActiveAuthenticationInfo',
          protocol: OID.AA,
          version: 1,
          signatureAlgorithm: '0.4.0.127.0.7.1.1.4.1.3',
        },
      ]
      const dg14 = tlv(0x6e, encodeSecurityInfos(infos, style))
      const parsed = parseSecurityInfos(dg14)
      expect(parsed).toHaveLength(3)
      const byType = (t: string) => parsed.find((i) => i.type === t)
      expect(byType('ChipAuthenticationInfo')).toEqual(infos[0])
      expect(byType('ActiveAuthenticationInfo')).toEqual(infos[2])
      const pk = byType('ChipAuthenticationPublicKeyInfo')
      expect(pk).toMatchObject({ keyId: 7, publicKey: { kind: 'EC', parameterId: 13 } })
      if (pk?.type === 'ChipAuthenticationPublicKeyInfo' && pk.publicKey.kind === 'EC') {
        expect(pk.publicKey.point).toEqual(key.point)
      }
    },
  )

  it('keeps DH keys and unknown infos raw, and odd known infos as unknown with the reason', () => {
    const dhKey = derSequence(
      derOid(OID.PK_DH),
      derSequence(
        derSequence(derOid('1.2.840.10046.2.1'), derSequence(derInteger(23), derInteger(5))),
        tlv(0x03, fromHex('0002')),
      ),
    )
    const unknown = derSequence(derOid('1.2.3.4'), derInteger(1))
    const badPace = derSequence(derOid(paceOid('ECDH-GM', 'AES-128')), tlv(0x04, fromHex('02')))
    const parsed = parseSecurityInfos(derSet(dhKey, unknown, badPace))
    const dh = parsed.find((i) => i.protocol === OID.PK_DH)
    expect(dh).toMatchObject({
      type: 'ChipAuthenticationPublicKeyInfo',
      publicKey: { kind: 'unsupported' },
    })
    const other = parsed.find((i) => i.protocol === '1.2.3.4')
    expect(other?.type === 'unknown' && hex(other.raw)).toBe(hex(unknown))
    const odd = parsed.find((i) => i.protocol === paceOid('ECDH-GM', 'AES-128'))
    expect(odd).toMatchObject({ type: 'unknown' })
    expect(odd?.type === 'unknown' && odd.problem).toBeTruthy()
    // Unknown entries are written back unchanged.
    expect(hex(encodeSecurityInfos(parsed))).toBe(hex(derSet(dhKey, unknown, badPace)))
  })

  it('rejects a structure that is not a SET of SEQUENCEs with ParseError', () => {
    expect(() => parseSecurityInfos(fromHex('3000'))).toThrow(ParseError)
    expect(() => parseSecurityInfos(fromHex('3103020101'))).toThrow(ParseError)
    expect(() => parseSecurityInfos(fromHex('31023000'))).toThrow(ParseError)
    expect(() => parseSecurityInfos(fromHex('3105'))).toThrow(ParseError)
  })

  it('fuzz: only ParseError escapes, for random bytes and for mutated DG14s', () => {
    const valid = tlv(
      0x6e,
      encodeSecurityInfos(
        [
          { type: 'ChipAuthenticationInfo', protocol: caOid('ECDH', '3DES'), version: 1 },
          {
            type: 'ChipAuthenticationPublicKeyInfo',
            protocol: OID.PK_ECDH,
            publicKey: { kind: 'EC', ...key },
          },
        ],
        'explicit',
      ),
    )
    const check = (bytes: Uint8Array) => {
      try {
        parseSecurityInfos(bytes)
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError)
      }
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), check), { numRuns: 500 })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, v) => {
          const bytes = valid.slice()
          bytes[at] = v
          check(bytes)
        },
      ),
      { numRuns: 500 },
    )
    const cardAccess = fromHex(ICAO_VECTORS.cccdCardAccess)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: cardAccess.length }), (n) =>
        check(cardAccess.subarray(0, n)),
      ),
    )
  })

  it('encodes a key the decoder and a second encoder agree on', () => {
    const der = encodeEcSubjectPublicKeyInfo(key, 'standardized')
    const info = parseSecurityInfos(derSet(derSequence(derOid(OID.PK_ECDH), der)))[0]
    expect(info).toMatchObject({
      type: 'ChipAuthenticationPublicKeyInfo',
      publicKey: { kind: 'EC', parameterId: 13 },
    })
  })
})
