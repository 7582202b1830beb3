import { createECDH, createPublicKey, generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../../../lib/bytes'
import { ParseError } from '../../../../../lib/parse-error'
import { ICAO_VECTORS } from '../../test-vectors'
import { Curve, PointAtInfinityError } from './curve'
import { curveForParameterId } from './domains'
import { decodeEcSubjectPublicKeyInfoBytes, encodeEcSubjectPublicKeyInfo } from './ec-public-key'
import { generatePrivateKey, publicKeyOf, sharedSecretX } from './keys'
import { decodePoint, encodePoint, fromBytes } from './point-encoding'
import { STANDARD_CURVES } from './standard-curves'

const g1 = ICAO_VECTORS.pace
const big = (h: string): bigint => BigInt(`0x${h}`)
const point = (x: string, y: string) => ({ x: big(x), y: big(y) })

describe('standardized curves', () => {
  it.each(STANDARD_CURVES.map((c) => [c.id, c.name, c.nodeName] as const))(
    'id %i (%s) has exactly the parameters OpenSSL has for %s',
    (id, _name, nodeName) => {
      const { publicKey } = generateKeyPairSync('ec', {
        namedCurve: nodeName,
        paramEncoding: 'explicit',
      })
      const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }))
      const parsed = decodeEcSubjectPublicKeyInfoBytes(der)
      // Explicit parameters are recognised as the standard curve of that id.
      expect(parsed.parameterId).toBe(id)
      expect(parsed.curve).toBe(curveForParameterId(id))
    },
  )

  it.each(STANDARD_CURVES.map((c) => [c.id, c.nodeName] as const))(
    'id %i: BigInt scalar multiplication agrees with OpenSSL',
    (id, nodeName) => {
      const curve = curveForParameterId(id)!
      const ecdh = createECDH(nodeName)
      ecdh.generateKeys()
      const k = fromBytes(ecdh.getPrivateKey())
      expect(hex(encodePoint(curve, curve.multiply(k, curve.generator)))).toBe(
        hex(ecdh.getPublicKey()),
      )
      // k·P for another point, against OpenSSL's ECDH.
      const other = createECDH(nodeName)
      other.generateKeys()
      const p = decodePoint(curve, other.getPublicKey())
      expect(curve.multiply(k, p).x).toBe(fromBytes(ecdh.computeSecret(other.getPublicKey())))
    },
  )
})

describe('brainpoolP256r1 arithmetic on the ICAO 9303-11 G.1 values', () => {
  const curve = curveForParameterId(13)!

  it('derives the public mapping keys from the private ones', () => {
    expect(publicKeyOf(curve, big(g1.terminalMappingPrivateKey))).toEqual(
      point(g1.terminalMappingPublicKeyX, g1.terminalMappingPublicKeyY),
    )
    // The same through the BigInt path (a curve object without OpenSSL's help).
    const plain = new Curve(curve.params)
    expect(publicKeyOf(plain, big(g1.chipMappingPrivateKey))).toEqual(
      point(g1.chipMappingPublicKeyX, g1.chipMappingPublicKeyY),
    )
  })

  it('computes H and the mapped generator G~ = s·G + H', () => {
    const chip = point(g1.chipMappingPublicKeyX, g1.chipMappingPublicKeyY)
    const m = big(g1.terminalMappingPrivateKey)
    const h = curve.multiply(m, chip)
    expect(h).toEqual(point(g1.mappingSharedPointHX, g1.mappingSharedPointHY))
    const s = big(g1.nonceS)
    const mapped = point(g1.mappedGeneratorX, g1.mappedGeneratorY)
    expect(curve.add(curve.multiply(s, curve.generator), h)).toEqual(mapped)
    expect(curve.multiplyAdd(s, curve.generator, m, chip)).toEqual(mapped)
  })

  it('derives the ephemeral keys on G~ and the shared secret', () => {
    const mapped = point(g1.mappedGeneratorX, g1.mappedGeneratorY)
    const terminal = publicKeyOf(curve, big(g1.terminalEphemeralPrivateKey), mapped)
    expect(terminal).toEqual(point(g1.terminalEphemeralPublicKeyX, g1.terminalEphemeralPublicKeyY))
    const chip = point(g1.chipEphemeralPublicKeyX, g1.chipEphemeralPublicKeyY)
    const k = big(g1.terminalEphemeralPrivateKey)
    expect(hex(sharedSecretX(curve, k, chip))).toBe(g1.sharedSecretKXCoordinate)
    expect(hex(sharedSecretX(new Curve(curve.params), k, chip))).toBe(g1.sharedSecretKXCoordinate)
  })

  it('refuses scalars that are multiples of the order and sums that are infinity', () => {
    expect(() => curve.multiply(curve.params.n, curve.generator)).toThrow(PointAtInfinityError)
    const g = curve.generator
    expect(() => curve.add(g, curve.negate(g))).toThrow(PointAtInfinityError)
    expect(curve.add(g, g)).toEqual(curve.multiply(2n, g))
  })

  it('lifts x to a point on the curve', () => {
    const lifted = curve.liftX(curve.generator.x)!
    expect([curve.generator.y, curve.params.p - curve.generator.y]).toContain(lifted.y)
  })
})

describe('native and BigInt paths', () => {
  it.each([12, 13, 15])('curve %i: shared secrets and public keys agree', (id) => {
    const curve = curveForParameterId(id)!
    const plain = new Curve(curve.params)
    const k = 0x1234567890abcdef1234567890abcdefn
    const p = plain.multiply(987654321n, plain.generator)
    expect(hex(sharedSecretX(curve, k, p))).toBe(hex(sharedSecretX(plain, k, p)))
    expect(publicKeyOf(curve, k)).toEqual(publicKeyOf(plain, k))
  })
})

describe('point encoding', () => {
  const curve = curveForParameterId(12)!
  const g = encodePoint(curve, curve.generator)

  it('round-trips uncompressed points', () => {
    expect(g).toHaveLength(65)
    expect(decodePoint(curve, g)).toEqual(curve.generator)
  })

  it('rejects points off the curve, wrong lengths, other prefixes and infinity', () => {
    const off = g.slice()
    off[64] = (off[64] ?? 0) ^ 1
    expect(() => decodePoint(curve, off)).toThrow(ParseError)
    expect(() => decodePoint(curve, g.subarray(0, 64))).toThrow(ParseError)
    const compressed = g.slice()
    compressed[0] = 0x02
    expect(() => decodePoint(curve, compressed)).toThrow(ParseError)
    expect(() => decodePoint(curve, Uint8Array.of(0))).toThrow(ParseError)
    // Coordinates at or above p are not field elements.
    const tooBig = fromHex(`04${'FF'.repeat(64)}`)
    expect(() => decodePoint(curve, tooBig)).toThrow(ParseError)
  })

  it('only ParseError escapes on arbitrary input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          decodePoint(curve, bytes)
        } catch (e) {
          expect(e).toBeInstanceOf(ParseError)
        }
      }),
    )
  })
})

describe('private keys', () => {
  it('uses an in-range draw as is and retries draws at or above n', () => {
    const curve = curveForParameterId(13)!
    const draws = [
      new Uint8Array(32).fill(0xff),
      new Uint8Array(32),
      fromHex(g1.chipEphemeralPrivateKey),
    ]
    const key = generatePrivateKey(curve, (n) => draws.shift()!.slice(0, n))
    expect(key).toBe(big(g1.chipEphemeralPrivateKey))
    expect(draws).toHaveLength(0)
  })

  it('masks the top byte for P-521 so draws land below n', () => {
    const curve = curveForParameterId(18)!
    const key = generatePrivateKey(curve, (n) => new Uint8Array(n).fill(0x11))
    expect(key > 0n && key < curve.params.n).toBe(true)
  })
})

describe('SubjectPublicKeyInfo for EC keys', () => {
  const curve = curveForParameterId(13)!
  const key = { curve, parameterId: 13, point: publicKeyOf(curve, 12345n) }

  it.each(['explicit', 'named', 'standardized'] as const)('round-trips %s parameters', (style) => {
    const der = encodeEcSubjectPublicKeyInfo(key, style)
    const back = decodeEcSubjectPublicKeyInfoBytes(der)
    expect(back.curve).toBe(curve)
    expect(back.parameterId).toBe(13)
    expect(back.point).toEqual(key.point)
  })

  it('is read by OpenSSL in the explicit and named forms', () => {
    for (const style of ['explicit', 'named'] as const) {
      const der = Buffer.from(encodeEcSubjectPublicKeyInfo(key, style))
      const parsed = createPublicKey({ key: der, format: 'der', type: 'spki' })
      expect(parsed.asymmetricKeyDetails?.namedCurve).toBe('brainpoolP256r1')
      const again = new Uint8Array(parsed.export({ type: 'spki', format: 'der' }))
      expect(decodeEcSubjectPublicKeyInfoBytes(again).point).toEqual(key.point)
    }
  })

  it('fuzz: only ParseError escapes', () => {
    const valid = encodeEcSubjectPublicKeyInfo(key, 'explicit')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (at, value) => {
          const mutated = valid.slice()
          mutated[at] = value
          try {
            decodeEcSubjectPublicKeyInfoBytes(mutated)
          } catch (e) {
            expect(e).toBeInstanceOf(ParseError)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
