import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromHex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import {
  FEATURE_GET_TLV_PROPERTIES,
  GET_FEATURE_REQUEST_IOCTL,
  buildFeatureList,
  buildReaderProperties,
  parseFeatureList,
  parseReaderProperties,
  unixControlCode,
  type ReaderProperties,
} from './reader-features'

function parsedOrTyped<T>(parse: () => T): T | 'parse-error' {
  try {
    return parse()
  } catch (error) {
    if (error instanceof ParseError) return 'parse-error'
    throw error
  }
}

describe('unixControlCode', () => {
  it('makes CM_IOCTL_GET_FEATURE_REQUEST the code pcsc-lite expects (0x42000D48)', () => {
    expect(unixControlCode(GET_FEATURE_REQUEST_IOCTL)).toBe(0x42000d48)
  })
})

describe('parseFeatureList', () => {
  it('reads each feature code big-endian, as a CCID reader lists them', () => {
    // FEATURE_VERIFY_PIN_DIRECT (06), FEATURE_GET_TLV_PROPERTIES (12), FEATURE_CCID_ESC_COMMAND (13).
    const features = parseFeatureList(fromHex('060442330006' + '120442330012' + '130442330013'))
    expect(features.get(FEATURE_GET_TLV_PROPERTIES)).toBe(0x42330012)
    expect(features.get(0x06)).toBe(0x42330006)
    expect(features.size).toBe(3)
  })

  it('takes an empty answer as a reader with no features', () => {
    expect(parseFeatureList(new Uint8Array(0)).size).toBe(0)
  })

  it('keeps the first code of a tag listed twice', () => {
    expect(parseFeatureList(fromHex('120400000001120400000002')).get(0x12)).toBe(1)
  })

  it.each([
    ['a lone tag', '12'],
    ['a length other than 4', '120342330012'],
    ['a truncated code', '1204423300'],
  ])('refuses %s', (_name, bytes) => {
    expect(() => parseFeatureList(fromHex(bytes))).toThrow(ParseError)
  })

  it('round-trips what a driver builds', () => {
    const feature = fc.record({ tag: fc.integer({ min: 0, max: 255 }), code: fc.nat() })
    fc.assert(
      fc.property(fc.uniqueArray(feature, { selector: (f) => f.tag }), (features) => {
        const parsed = parseFeatureList(buildFeatureList(features))
        expect([...parsed]).toEqual(features.map((f) => [f.tag, f.code]))
      }),
    )
  })

  it('gives a feature map or a ParseError on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const parsed = parsedOrTyped(() => parseFeatureList(bytes))
        if (parsed !== 'parse-error') expect(parsed.size).toBeLessThanOrEqual(bytes.length / 6)
      }),
    )
  })
})

describe('parseReaderProperties', () => {
  it('reads dwMaxAPDUDataSize little-endian among the other properties', () => {
    // wIdVendor 072F, wIdProduct 2200, dwMaxAPDUDataSize 0x10000, bPPDUSupport 0, sFirmwareID "ACS".
    const answer = fromHex('0B022F07' + '0C020022' + '0A0400000100' + '090100' + '0803414353')
    expect(parseReaderProperties(answer)).toEqual({
      idVendor: 0x072f,
      idProduct: 0x2200,
      maxApduDataSize: 0x10000,
      firmwareId: 'ACS',
    })
  })

  it('reads 0 as a reader of short APDUs only, and skips properties it does not know', () => {
    expect(parseReaderProperties(fromHex('7F03010203' + '0A0400000000'))).toEqual({
      maxApduDataSize: 0,
    })
  })

  it.each([
    ['a lone tag', '0A'],
    ['a truncated value', '0A04000001'],
    ['dwMaxAPDUDataSize of 2 bytes', '0A020001'],
    ['wIdVendor of 4 bytes', '0B0400000000'],
  ])('refuses %s', (_name, bytes) => {
    expect(() => parseReaderProperties(fromHex(bytes))).toThrow(ParseError)
  })

  it('round-trips what a driver builds', () => {
    const properties: fc.Arbitrary<ReaderProperties> = fc.record(
      {
        maxApduDataSize: fc.nat(),
        idVendor: fc.integer({ min: 0, max: 0xffff }),
        idProduct: fc.integer({ min: 0, max: 0xffff }),
        firmwareId: fc.stringMatching(/^[ -~]{0,40}$/),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(properties, (given) => {
        expect(parseReaderProperties(buildReaderProperties(given))).toEqual(given)
      }),
    )
  })

  it('gives properties or a ParseError on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        const parsed = parsedOrTyped(() => parseReaderProperties(bytes))
        if (parsed !== 'parse-error' && parsed.maxApduDataSize !== undefined) {
          expect(parsed.maxApduDataSize).toBeLessThanOrEqual(0xffffffff)
        }
      }),
    )
  })
})
