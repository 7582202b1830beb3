import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../bytes'
import { ParseError } from '../parse-error'
import { decodeInteger, decodeOid, derInteger, derOid, derSequence, derTime } from './der'
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

  it('uses UTCTime before 2050 and GeneralizedTime after', () => {
    expect(hex(derTime(new Date('2026-01-02T03:04:05Z')))).toBe(
      hex(tlv(0x17, Buffer.from('260102030405Z'))),
    )
    expect(readTlv(derTime(new Date('2051-01-01T00:00:00Z'))).tag).toBe(0x18)
    expect(readTlv(derSequence()).tag).toBe(0x30)
  })
})
