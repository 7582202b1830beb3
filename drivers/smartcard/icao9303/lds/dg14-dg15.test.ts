import { createECDH, createPrivateKey, createPublicKey } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { derSequence, derOid, derBitString } from '../../../../lib/asn1/der'
import { fromHex, hex } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { buildDg14, parseDg14 } from './dg14'
import { buildDg15, parseDg15 } from './dg15'

// The SecurityInfos public CCCD readers hard-code as the card's EF.CardAccess (TA, CA, PACE infos).
const CCCD_SECURITY_INFOS =
  '3134300D060804007F0007020202020101300F060A04007F000702020302020201013012060A04007F0007020204020202010202010D'

/** A fixed P-256 key, so the test does not depend on randomness. */
function fixedEcKey(): { spki: Uint8Array; x: string } {
  const d = Buffer.alloc(32, 0x17)
  const ecdh = createECDH('prime256v1')
  ecdh.setPrivateKey(d)
  const point = ecdh.getPublicKey()
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: d.toString('base64url'),
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33).toString('base64url'),
  }
  const key = createPublicKey(createPrivateKey({ key: jwk, format: 'jwk' }))
  return { spki: new Uint8Array(key.export({ format: 'der', type: 'spki' })), x: jwk.x }
}

describe('DG14', () => {
  it('round-trips the SecurityInfos bytes untouched', () => {
    const infos = fromHex(CCCD_SECURITY_INFOS)
    const dg14 = buildDg14(infos)
    expect(dg14[0]).toBe(0x6e)
    expect(hex(parseDg14(dg14).securityInfos)).toBe(CCCD_SECURITY_INFOS)
  })

  it('refuses content that is not a SET', () => {
    expect(() => parseDg14(buildDg14(derSequence()))).toThrow(/dg14: content is not a SET/)
    expect(() => parseDg14(fromHex('6F00'))).toThrow(ParseError)
  })
})

describe('DG15', () => {
  it('round-trips an EC public key as a KeyObject', () => {
    const { spki, x } = fixedEcKey()
    const dg15 = parseDg15(
      buildDg15(createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' })),
    )
    expect(dg15.subjectPublicKeyInfo).toEqual(spki)
    expect(dg15.publicKey.asymmetricKeyType).toBe('ec')
    expect(dg15.publicKey.export({ format: 'jwk' }).x).toBe(x)
    expect(parseDg15(buildDg15(spki)).subjectPublicKeyInfo).toEqual(spki)
  })

  it('refuses a SubjectPublicKeyInfo Node cannot use', () => {
    const bogus = derSequence(
      derSequence(derOid('1.2.840.10045.2.1'), derOid('1.2.840.10045.3.1.7')),
      derBitString(fromHex('0401')),
    )
    expect(() => parseDg15(buildDg15(bogus))).toThrow(
      /dg15: SubjectPublicKeyInfo is not a usable public key/,
    )
  })

  it('lets only ParseError escape from DG14 and DG15 on arbitrary bytes', () => {
    const { spki } = fixedEcKey()
    const validDg15 = buildDg15(spki)
    const validDg14 = buildDg14(fromHex(CCCD_SECURITY_INFOS))
    const mutate = (valid: Uint8Array) =>
      fc
        .tuple(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }))
        .map(([at, value]) => {
          const copy = valid.slice()
          copy[at] = value
          return copy
        })
    fc.assert(
      fc.property(
        fc.oneof(mutate(validDg15), mutate(validDg14), fc.uint8Array({ maxLength: 80 })),
        (bytes) => {
          for (const parse of [parseDg14, parseDg15]) {
            try {
              parse(bytes)
            } catch (error) {
              expect(error).toBeInstanceOf(ParseError)
            }
          }
        },
      ),
      { numRuns: 2000 },
    )
  })
})
