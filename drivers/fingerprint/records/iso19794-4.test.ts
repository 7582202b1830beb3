import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RecordParseError } from './errors'
import {
  FINGER_IMAGE_COMPRESSION,
  parseFingerImageRecord,
  writeFingerImageRecord,
  type FingerImageRecord,
  type FingerRepresentation,
} from './iso19794-4'

function representation(overrides: Partial<FingerRepresentation> = {}): FingerRepresentation {
  return {
    captureDateTime: {
      year: 2026,
      month: 3,
      day: 14,
      hour: 9,
      minute: 26,
      second: 53,
      millisecond: 589,
    },
    deviceTechnology: 1,
    deviceVendorId: 0x0040,
    deviceTypeId: 7,
    quality: [{ score: 57, vendorId: 0x0040, algorithmId: 0x000f }],
    certifications: [],
    position: 7,
    representationNumber: 0,
    scaleUnits: 1,
    captureResolution: { horizontal: 500, vertical: 500 },
    imageResolution: { horizontal: 500, vertical: 500 },
    bitDepth: 8,
    compression: FINGER_IMAGE_COMPRESSION.none,
    impressionType: 0,
    width: 3,
    height: 2,
    imageData: Uint8Array.of(1, 2, 3, 4, 5, 6),
    extendedData: new Uint8Array(0),
    ...overrides,
  }
}

describe('ISO/IEC 19794-4:2011 finger image record', () => {
  it('writes the general header and representation header field by field', () => {
    const bytes = writeFingerImageRecord({
      certificationFlag: false,
      representations: [representation()],
    })
    const view = new DataView(bytes.buffer)
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('FIR\x00020\x00')
    expect(view.getUint32(8)).toBe(bytes.length)
    expect(view.getUint16(12)).toBe(1)
    expect(bytes[14]).toBe(0)
    expect(bytes[15]).toBe(1)
    // Representation: length, then 2026-03-14 09:26:53.589.
    expect(view.getUint32(16)).toBe(bytes.length - 16)
    expect([...bytes.subarray(20, 29)]).toEqual([0x07, 0xea, 3, 14, 9, 26, 53, 0x02, 0x4d])
    expect(bytes[29]).toBe(1)
    expect(view.getUint16(30)).toBe(0x40)
    expect(view.getUint16(32)).toBe(7)
    expect([...bytes.subarray(34, 40)]).toEqual([1, 57, 0x00, 0x40, 0x00, 0x0f])
    // No certification blocks without the flag; position 7 (left index), representation 0, ppi.
    expect([...bytes.subarray(40, 43)]).toEqual([7, 0, 1])
    expect([
      view.getUint16(43),
      view.getUint16(45),
      view.getUint16(47),
      view.getUint16(49),
    ]).toEqual([500, 500, 500, 500])
    expect([...bytes.subarray(51, 54)]).toEqual([8, 0, 0])
    expect([view.getUint16(54), view.getUint16(56), view.getUint32(58)]).toEqual([3, 2, 6])
    expect([...bytes.subarray(62)]).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('round-trips several representations with certification blocks and extended data', () => {
    const record: FingerImageRecord = {
      certificationFlag: true,
      representations: [
        representation({ certifications: [{ authorityId: 0x0040, schemeId: 2 }] }),
        representation({
          position: 2,
          representationNumber: 1,
          compression: FINGER_IMAGE_COMPRESSION.png,
          quality: [],
          certifications: [],
          imageData: Uint8Array.of(9, 8, 7),
          extendedData: Uint8Array.of(0, 1, 0, 2, 0xaa, 0xbb),
        }),
      ],
    }
    const bytes = writeFingerImageRecord(record)
    expect(bytes[15]).toBe(2)
    expect(parseFingerImageRecord(bytes)).toEqual(record)
  })

  it('rejects fields that do not fit their width', () => {
    expect(() =>
      writeFingerImageRecord({
        certificationFlag: false,
        representations: [representation({ width: 70000 })],
      }),
    ).toThrow(RangeError)
  })

  it('names what is wrong with a damaged record', () => {
    const good = writeFingerImageRecord({
      certificationFlag: false,
      representations: [representation()],
    })
    const wrongMagic = good.slice()
    wrongMagic[0] = 0x46 + 1
    expect(() => parseFingerImageRecord(wrongMagic)).toThrow(/not a FIR record/)
    const oldVersion = good.slice()
    oldVersion.set(new TextEncoder().encode('010'), 4)
    expect(() => parseFingerImageRecord(oldVersion)).toThrow(/unsupported version/)
    expect(() => parseFingerImageRecord(good.subarray(0, good.length - 1))).toThrow(/record length/)
    const longImage = good.slice()
    new DataView(longImage.buffer).setUint32(58, 7)
    expect(() => parseFingerImageRecord(longImage)).toThrow(RecordParseError)
  })

  it('throws only RecordParseError on arbitrary or mutated input', () => {
    const good = writeFingerImageRecord({
      certificationFlag: true,
      representations: [
        representation({ certifications: [{ authorityId: 1, schemeId: 1 }] }),
        representation({ position: 3 }),
      ],
    })
    const check = (bytes: Uint8Array) => {
      try {
        parseFingerImageRecord(bytes)
      } catch (e) {
        expect(e).toBeInstanceOf(RecordParseError)
      }
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), check), { numRuns: 500 })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 6,
        }),
        fc.nat(good.length),
        (edits, cut) => {
          const bytes = good.slice(0, Math.max(cut, 16))
          for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v
          // Keep the header valid half of the time so the fuzzer reaches the representations.
          if (cut % 2 === 0) {
            bytes.set(good.subarray(0, 8), 0)
            new DataView(bytes.buffer).setUint32(8, bytes.length)
          }
          check(bytes)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
