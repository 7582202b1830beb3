import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tlv } from '../../../lib/asn1/tlv'
import { fromHex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { parseTlvHeader } from './tlv-header'

describe('parseTlvHeader', () => {
  it('reads one-byte, two-byte and long-form headers', () => {
    expect(parseTlvHeader(fromHex('60 16 5F01'))).toEqual({
      tag: 0x60,
      headerLength: 2,
      valueLength: 0x16,
    })
    expect(parseTlvHeader(fromHex('75 82 4E20 00'))).toEqual({
      tag: 0x75,
      headerLength: 4,
      valueLength: 20000,
    })
    expect(parseTlvHeader(fromHex('7F61 81 80'))).toEqual({
      tag: 0x7f61,
      headerLength: 4,
      valueLength: 128,
    })
  })

  it('asks for more bytes when the header is cut', () => {
    for (const partial of ['', '75', '75 82', '75 82 4E', '7F', '7F 61']) {
      expect(parseTlvHeader(fromHex(partial))).toBeNull()
    }
  })

  it('rejects padding, indefinite and absurd lengths', () => {
    for (const bad of ['00 00', 'FF FF', '30 80', '30 85 0000000001', '5F FF FF 01']) {
      expect(() => parseTlvHeader(fromHex(bad))).toThrow(ParseError)
    }
  })

  it('agrees with the TLV encoder on every size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 70000 }),
        fc.constantFrom(0x61, 0x75, 0x5f1f),
        (n, tag) => {
          const encoded = tlv(tag, new Uint8Array(n))
          const header = parseTlvHeader(encoded.subarray(0, 6))
          expect(header).not.toBeNull()
          expect(header!.headerLength + header!.valueLength).toBe(encoded.length)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('lets only ParseError escape on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        try {
          parseTlvHeader(bytes)
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError)
        }
      }),
    )
  })
})
