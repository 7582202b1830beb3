import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex, hex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { contactlessAtr } from '../sim/atr'
import {
  buildEfAtrInfo,
  buildHistoricalBytes,
  historicalBytesOf,
  parseExtendedLengthInfo,
  parseHistoricalCapabilities,
  type HistoricalCapabilities,
} from './card-capabilities'

const NONE: HistoricalCapabilities = {
  commandChaining: false,
  extendedLength: false,
  extendedLengthInfo: false,
}

/** Returns what `parse` gives, or 'parse-error'; anything else thrown fails the property. */
function parsedOrTyped<T>(parse: () => T): T | 'parse-error' {
  try {
    return parse()
  } catch (error) {
    if (error instanceof ParseError) return 'parse-error'
    throw error
  }
}

describe('historicalBytesOf', () => {
  it('finds the historical bytes of a contactless ATR (TD1, TD2, then the K bytes)', () => {
    const historical = fromHex('8073a00140')
    expect(hex(historicalBytesOf(contactlessAtr(historical)))).toBe('8073A00140')
  })

  it('skips TA1 and the interface bytes TD announces before the K bytes', () => {
    // T0 = 95: TA1 and TD1, 5 historical bytes; TD1 = 81: TD2, T=1; TD2 = 31: TA3 TB3, T=1.
    const atr = fromHex('3b95118131fe458073a0014099')
    expect(hex(historicalBytesOf(atr))).toBe('8073A00140')
  })

  it('refuses an ATR too short, or whose interface or historical bytes overrun it', () => {
    expect(() => historicalBytesOf(fromHex('3b'))).toThrow(ParseError)
    expect(() => historicalBytesOf(fromHex('3bf0'))).toThrow(ParseError)
    expect(() => historicalBytesOf(fromHex('3b858001'))).toThrow(ParseError)
  })
})

describe('parseHistoricalCapabilities', () => {
  it('reads the three flags of the third software function byte of object 7x', () => {
    // 73 A0 01 xx: b8 command chaining, b7 extended Lc/Le, b6 extended length info.
    expect(parseHistoricalCapabilities(fromHex('8073a00140'))).toEqual({
      ...NONE,
      extendedLength: true,
    })
    expect(parseHistoricalCapabilities(fromHex('8073a00160'))).toEqual({
      ...NONE,
      extendedLength: true,
      extendedLengthInfo: true,
    })
    expect(parseHistoricalCapabilities(fromHex('8073a00180'))).toEqual({
      ...NONE,
      commandChaining: true,
    })
  })

  it('finds 7x among other compact-TLV objects, and under category 00 before the status bytes', () => {
    // 31 (card service data) first, then 73; category 00 ends with a 3-byte status indicator.
    expect(parseHistoricalCapabilities(fromHex('803180' + '73a00140'))?.extendedLength).toBe(true)
    expect(parseHistoricalCapabilities(fromHex('0073a00140' + '009000'))?.extendedLength).toBe(true)
  })

  it('says nothing for proprietary bytes, no 7x object, or no historical bytes at all', () => {
    expect(parseHistoricalCapabilities(new TextEncoder().encode('VNCCCDsim'))).toBeNull()
    expect(parseHistoricalCapabilities(fromHex('803180'))).toBeNull()
    expect(parseHistoricalCapabilities(new Uint8Array(0))).toBeNull()
  })

  it('takes a 7x shorter than three bytes as claiming no extended length', () => {
    expect(parseHistoricalCapabilities(fromHex('8072a001'))).toEqual(NONE)
  })

  it('refuses a compact-TLV object that runs past the bytes', () => {
    expect(() => parseHistoricalCapabilities(fromHex('8073a001'))).toThrow(ParseError)
  })

  it('gives back what buildHistoricalBytes encoded, for every combination (property)', () => {
    const capabilities = fc.record({
      commandChaining: fc.boolean(),
      extendedLength: fc.boolean(),
      extendedLengthInfo: fc.boolean(),
    })
    fc.assert(
      fc.property(capabilities, (given) => {
        const atr = contactlessAtr(buildHistoricalBytes(given))
        expect(parseHistoricalCapabilities(historicalBytesOf(atr))).toEqual(given)
      }),
    )
  })

  it('throws nothing but ParseError on any ATR (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (atr) => {
        parsedOrTyped(() => parseHistoricalCapabilities(historicalBytesOf(atr)))
      }),
    )
  })
})

describe('parseExtendedLengthInfo', () => {
  it("reads DO'7F66': the most bytes in a command APDU, then in a response APDU", () => {
    const file = fromHex('7f66080202040002021002')
    expect(parseExtendedLengthInfo(file)).toEqual({ maxCommandBytes: 1024, maxResponseBytes: 4098 })
  })

  it("finds DO'7F66' after other objects and padding, and says null when there is none", () => {
    const other = '4f07a0000002471001'
    expect(parseExtendedLengthInfo(fromHex(`${other}00ff7f66080202040002021002`))).toEqual({
      maxCommandBytes: 1024,
      maxResponseBytes: 4098,
    })
    expect(parseExtendedLengthInfo(fromHex(other))).toBeNull()
    expect(parseExtendedLengthInfo(new Uint8Array(0))).toBeNull()
  })

  it("refuses a DO'7F66' without two integers", () => {
    expect(() => parseExtendedLengthInfo(fromHex('7f6604020204ff'))).toThrow(ParseError)
    expect(() => parseExtendedLengthInfo(fromHex('7f66080402040002021002'))).toThrow(ParseError)
    expect(() => parseExtendedLengthInfo(fromHex('7f6606020002021002'))).toThrow(ParseError)
  })

  it('gives back the counts buildEfAtrInfo wrote, up to three-byte integers (property)', () => {
    const count = fc.integer({ min: 0, max: 0xffffff })
    fc.assert(
      fc.property(count, count, (maxCommandBytes, maxResponseBytes) => {
        const info = { maxCommandBytes, maxResponseBytes }
        expect(parseExtendedLengthInfo(buildEfAtrInfo(info))).toEqual(info)
      }),
    )
  })

  it('throws nothing but ParseError on any file content (property)', () => {
    const prefixed = fc
      .uint8Array({ maxLength: 60 })
      .map((rest) => Uint8Array.from([0x7f, 0x66, rest.length, ...rest]))
    fc.assert(
      fc.property(fc.oneof(prefixed, fc.uint8Array({ maxLength: 60 })), (file) => {
        const result = parsedOrTyped(() => parseExtendedLengthInfo(file))
        if (result !== 'parse-error' && result !== null) {
          expect(result.maxCommandBytes).toBeGreaterThanOrEqual(0)
          expect(result.maxResponseBytes).toBeLessThan(2 ** 32)
        }
      }),
    )
  })
})
