import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { concat, fromHex, hex, unsignedBigInt } from '../bytes'
import { ParseError } from '../parse-error'
import {
  decodeInteger,
  decodeOid,
  decodeOidBody,
  decodeSmallInteger,
  derInteger,
  derOid,
  derSequence,
  derTime,
  encodeOidBody,
  MAX_INTEGER_BYTES,
  MAX_OID_ARC_BYTES,
} from './der'
import { children, readTlv, readTlvList, tlv } from './tlv'

describe('BER-TLV', () => {
  it('reads two-byte tags and long-form lengths', () => {
    const node = readTlv(fromHex('5F1F 81 03 414243'))
    expect(node.tag).toBe(0x5f1f)
    expect(hex(node.value)).toBe('414243')
    expect(node.size).toBe(7)
  })

  it('walks constructed values', () => {
    const outer = readTlv(tlv(0x61, tlv(0x5f1f, fromHex('01')), tlv(0x80, fromHex('0203'))))
    expect(outer.constructed).toBe(true)
    expect(children(outer).map((c) => c.tag)).toEqual([0x5f1f, 0x80])
  })

  it('rejects truncation and indefinite lengths with ParseError', () => {
    expect(() => readTlv(fromHex('5F1F 05 0102'))).toThrow(ParseError)
    expect(() => readTlv(fromHex('30 80 0000'))).toThrow(ParseError)
    expect(() => readTlv(fromHex('5F'))).toThrow(ParseError)
  })

  it('encodes lengths of 127, 128 and 65536 bytes in DER form', () => {
    for (const n of [127, 128, 255, 256, 65536]) {
      const node = readTlv(tlv(0x04, new Uint8Array(n)))
      expect(node.value.length).toBe(n)
    }
    expect(hex(tlv(0x04, new Uint8Array(128)).subarray(0, 3))).toBe('048180')
  })

  it('skips 00 and FF padding before, between and after TLVs only when asked', () => {
    const padded = fromHex('00FF 5F1F 01 41 0000 80 01 42 FFFF00')
    expect(readTlvList(padded, { allowPadding: true }).map((t) => hex(t.value))).toEqual([
      '41',
      '42',
    ])
    expect(readTlvList(fromHex('0000 80 01 42')).map((t) => t.tag)).toEqual([0x00, 0x80])
  })

  it('never throws anything but ParseError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          readTlvList(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
      { numRuns: 3000 },
    )
  })
})

describe('DER values', () => {
  it('round-trips OIDs, including large arcs', () => {
    for (const oid of ['2.23.136.1.1.1', '0.4.0.127.0.7.2.2.4.2.2', '1.2.840.113549.1.7.2']) {
      expect(decodeOid(readTlv(derOid(oid)))).toBe(oid)
    }
    expect(hex(derOid('2.23.136.1.1.1'))).toBe('0606678108010101')
  })

  it('encodes INTEGERs with a sign byte and decodes them back', () => {
    expect(hex(derInteger(128))).toBe('02020080')
    expect(decodeInteger(readTlv(derInteger(2n ** 70n)))).toBe(2n ** 70n)
  })

  it('decodes negative INTEGERs in two’s complement', () => {
    const values = [-1n, -128n, -129n, -(2n ** 70n)]
    const encodings = ['0201FF', '020180', '0202FF7F', '020AFFC00000000000000000']
    for (const [i, encoding] of encodings.entries()) {
      expect(decodeInteger(readTlv(fromHex(encoding)))).toBe(values[i])
    }
  })

  it('decodes an INTEGER of the largest accepted size and refuses one byte more unread', () => {
    const largest = concat(Uint8Array.of(0), new Uint8Array(MAX_INTEGER_BYTES - 1).fill(0xff))
    expect(decodeInteger(readTlv(tlv(0x02, largest)))).toBe(2n ** 8192n - 1n)
    const longer = tlv(0x02, new Uint8Array(MAX_INTEGER_BYTES + 1).fill(0x21))
    expect(() => decodeInteger(readTlv(longer))).toThrow(
      new ParseError('asn1', `INTEGER of ${MAX_INTEGER_BYTES + 1} bytes (limit 1025)`),
    )
    expect(() => decodeSmallInteger(readTlv(longer))).toThrow(ParseError)
    expect(() => decodeSmallInteger(readTlv(derInteger(2n ** 53n)))).toThrow('out of range')
    expect(decodeSmallInteger(readTlv(fromHex('0203000001')))).toBe(1)
  })

  it('decodes OID arcs of up to 9 bytes, in Number and BigInt range, and refuses longer', () => {
    for (const oid of ['2.999.3', '1.2.562949953421311', '1.2.9223372036854775807', '2.18446744']) {
      expect(decodeOidBody(encodeOidBody(oid))).toBe(oid)
    }
    expect(decodeOidBody(encodeOidBody('2.9223372036854775727'))).toBe('2.9223372036854775727')
    const nineBytes = fromHex('FFFFFFFFFFFFFFFF7F')
    expect(decodeOidBody(concat(fromHex('2A'), nineBytes))).toBe('1.2.9223372036854775807')
    const tenBytes = fromHex('81FFFFFFFFFFFFFFFF7F')
    expect(() => decodeOidBody(concat(fromHex('2A'), tenBytes))).toThrow(
      new ParseError('asn1', `OID arc longer than ${MAX_OID_ARC_BYTES} bytes`),
    )
    expect(() => decodeOidBody(fromHex('2A86'))).toThrow('truncated OID')
    expect(() => decodeOidBody(new Uint8Array(0))).toThrow('empty OID')
  })

  it('round-trips any OID whose arcs fit 63 bits', () => {
    const arc = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n })
    const oid = fc
      .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 39 }), fc.array(arc))
      .map(([a, b, rest]) => [a, b, ...rest].join('.'))
    fc.assert(fc.property(oid, (dotted) => decodeOidBody(encodeOidBody(dotted)) === dotted))
  })

  it('builds BigInts from bytes as shifting byte by byte would', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        let expected = 0n
        for (const b of bytes) expected = (expected << 8n) | BigInt(b)
        return unsignedBigInt(bytes) === expected
      }),
    )
  })

  it('uses UTCTime before 2050 and GeneralizedTime after', () => {
    expect(hex(derTime(new Date('2026-01-02T03:04:05Z')))).toBe(
      hex(tlv(0x17, Buffer.from('260102030405Z'))),
    )
    expect(readTlv(derTime(new Date('2051-01-01T00:00:00Z'))).tag).toBe(0x18)
    expect(readTlv(derSequence()).tag).toBe(0x30)
  })
})
