import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FaceRecordError, type FaceRecordErrorCode } from './errors'
import { readFaceRecord } from './parser'
import { decodePoseAngle, encodePoseAngle } from './pose-angle'
import { sampleFaceInput, TINY_JPEG } from './test-support'
import { buildFaceRecord } from './writer'

function codeOf(f: () => unknown): FaceRecordErrorCode | 'accepted' {
  try {
    f()
    return 'accepted'
  } catch (error) {
    expect(error).toBeInstanceOf(FaceRecordError)
    return (error as FaceRecordError).code
  }
}

/** Offsets in the sample record: header 17, representation from 17. */
const REP = 17
const FACIAL = REP + 4 + 9 + 1 + 2 + 2 + 1 + 5 // after one quality block
const LANDMARKS = FACIAL + 17
const IMAGE_INFO = LANDMARKS + 2 * 8
const IMAGE_DATA = IMAGE_INFO + 11 + 4

describe('ISO/IEC 19794-5:2011 face record', () => {
  const good = buildFaceRecord(sampleFaceInput())

  it('lays out the header and every block at the offsets computed by hand', () => {
    const view = new DataView(good.buffer)
    expect(good.length).toBe(IMAGE_DATA + TINY_JPEG.length)
    expect(new TextDecoder().decode(good.subarray(0, 8))).toBe('FAC\x00030\x00')
    expect(view.getUint32(8)).toBe(good.length)
    expect([view.getUint16(12), good[14], view.getUint16(15)]).toEqual([1, 0, 0])
    expect(view.getUint32(REP)).toBe(good.length - 17)
    // 2026-03-14 09:26:53.589 UTC, digital video, vendor 0, type 0.
    expect([...good.subarray(21, 30)]).toEqual([0x07, 0xea, 3, 14, 9, 26, 53, 0x02, 0x4d])
    expect([...good.subarray(30, 35)]).toEqual([6, 0, 0, 0, 0])
    expect([...good.subarray(35, 41)]).toEqual([1, 87, 0x01, 0x02, 0x03, 0x04])
    // Facial information: 2 landmarks, gender 0, eyes 0, hair FF, height 0, mask 0x000003,
    // expression 1, yaw −4° → 179, pitch 2° → 2, roll unspecified, uncertainties 6, 6, 0.
    expect([...good.subarray(FACIAL, LANDMARKS)]).toEqual([
      0, 2, 0, 0, 0xff, 0, 0, 0, 3, 0, 1, 179, 2, 0, 6, 6, 0,
    ])
    expect([...good.subarray(LANDMARKS, LANDMARKS + 8)]).toEqual([1, 0xc2, 0, 180, 1, 32, 0, 0])
    expect(good[LANDMARKS + 9]).toBe(0xc1)
    // Token frontal, JPEG, 480×640, level 2, no processing, cross reference 0, RGB24.
    expect([...good.subarray(IMAGE_INFO, IMAGE_INFO + 11)]).toEqual([
      2, 0, 0x01, 0xe0, 0x02, 0x80, 2, 0, 0, 0, 1,
    ])
    expect(view.getUint32(IMAGE_INFO + 11)).toBe(TINY_JPEG.length)
    expect([...good.subarray(IMAGE_DATA)]).toEqual([...TINY_JPEG])
  })

  it('round-trips one and several representations', () => {
    expect(readFaceRecord(good)).toEqual({
      temporalSemantics: 0,
      representations: [sampleFaceInput()],
    })
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)
    const j2k = Uint8Array.of(0xff, 0x4f, 0xff, 0x51, 0)
    const several = [
      sampleFaceInput({ quality: [], landmarks: [] }),
      sampleFaceInput({ imageData: png, image: { ...sampleFaceInput().image, dataType: 'png' } }),
      sampleFaceInput({
        imageData: j2k,
        captureDeviceTechnology: 'digital-still',
        quality: [{ score: 255, vendorId: 1, algorithmId: 2 }],
        image: { ...sampleFaceInput().image, dataType: 'jpeg2000-lossless', colourSpace: 'grey8' },
      }),
    ]
    expect(readFaceRecord(buildFaceRecord(several, 40))).toEqual({
      temporalSemantics: 40,
      representations: several,
    })
  })

  it('encodes pose angles in 2-degree steps with 0 for unspecified', () => {
    expect([0, 2, 180, -2, -178, -180].map(encodePoseAngle)).toEqual([1, 2, 91, 180, 92, 91])
    expect(encodePoseAngle(null)).toBe(0)
    for (let degrees = -178; degrees <= 180; degrees += 2) {
      expect(decodePoseAngle(encodePoseAngle(degrees))).toBe(degrees)
    }
    expect(decodePoseAngle(0)).toBeNull()
  })

  it('refuses to write a field that does not fit', () => {
    const facial = sampleFaceInput().facial
    const image = sampleFaceInput().image
    const cases = [
      sampleFaceInput({ quality: [{ score: 101, vendorId: 0, algorithmId: 0 }] }),
      sampleFaceInput({ facial: { ...facial, pose: { yaw: 181, pitch: 0, roll: 0 } } }),
      sampleFaceInput({ image: { ...image, width: 70000 } }),
      sampleFaceInput({ image: { ...image, spatialSamplingRateLevel: 8 } }),
      sampleFaceInput({ capturedAt: new Date(Number.NaN) }),
      sampleFaceInput({ deviceVendorId: -1 }),
    ]
    for (const input of cases)
      expect(codeOf(() => buildFaceRecord(input))).toBe('E_FACE_RECORD_VALUE')
    expect(codeOf(() => buildFaceRecord([]))).toBe('E_FACE_RECORD_COUNT')
  })

  /** The sample record with one byte (or a u16/u32) changed. */
  function patched(edit: (bytes: Uint8Array, view: DataView) => void): Uint8Array {
    const bytes = good.slice()
    edit(bytes, new DataView(bytes.buffer))
    return bytes
  }

  it('refuses each kind of damage with its own code', () => {
    const read = (bytes: Uint8Array) => codeOf(() => readFaceRecord(bytes))
    expect(read(new Uint8Array(5))).toBe('E_FACE_RECORD_TRUNCATED')
    expect(read(patched((b) => (b[0] = 0x47)))).toBe('E_FACE_RECORD_FORMAT')
    expect(read(patched((b) => b.set([0x30, 0x31, 0x30], 4)))).toBe('E_FACE_RECORD_FORMAT')
    expect(read(good.subarray(0, good.length - 1))).toBe('E_FACE_RECORD_LENGTH')
    expect(read(patched((_, v) => v.setUint16(12, 0)))).toBe('E_FACE_RECORD_COUNT')
    expect(read(patched((_, v) => v.setUint16(12, 17)))).toBe('E_FACE_RECORD_COUNT')
    expect(read(patched((b) => (b[14] = 1)))).toBe('E_FACE_RECORD_UNSUPPORTED')
    expect(read(patched((_, v) => v.setUint32(REP, 9999)))).toBe('E_FACE_RECORD_LENGTH')
    expect(read(patched((b) => (b[23] = 13)))).toBe('E_FACE_RECORD_VALUE') // month 13
    expect(read(patched((b) => (b[24] = 31)))).toBe('accepted') // 31 March is fine…
    expect(read(patched((b) => b.set([2, 30], 23)))).toBe('E_FACE_RECORD_VALUE') // …30 February not
    expect(read(patched((b) => (b[30] = 7)))).toBe('E_FACE_RECORD_VALUE') // device technology
    expect(read(patched((b) => (b[36] = 101)))).toBe('E_FACE_RECORD_VALUE') // quality score
    expect(read(patched((b) => (b[FACIAL + 2] = 3)))).toBe('E_FACE_RECORD_VALUE') // gender
    expect(read(patched((b) => (b[FACIAL + 3] = 8)))).toBe('E_FACE_RECORD_VALUE') // eye colour
    expect(read(patched((b) => (b[FACIAL + 4] = 10)))).toBe('E_FACE_RECORD_VALUE') // hair colour
    expect(read(patched((b) => (b[FACIAL + 6] = 0x80)))).toBe('E_FACE_RECORD_VALUE') // mask bit
    expect(read(patched((b) => (b[FACIAL + 10] = 8)))).toBe('E_FACE_RECORD_VALUE') // expression
    expect(read(patched((b) => (b[FACIAL + 11] = 182)))).toBe('E_FACE_RECORD_VALUE') // yaw
    expect(read(patched((b) => (b[FACIAL + 16] = 200)))).toBe('E_FACE_RECORD_VALUE') // uncertainty
    expect(read(patched((_, v) => v.setUint16(FACIAL, 129)))).toBe('E_FACE_RECORD_COUNT')
    // One landmark more than written: the image information is read as a landmark, and so on.
    expect(read(patched((_, v) => v.setUint16(FACIAL, 3)))).not.toBe('accepted')
    expect(read(patched((b) => (b[LANDMARKS] = 4)))).toBe('E_FACE_RECORD_VALUE') // landmark type
    expect(read(patched((b) => (b[IMAGE_INFO] = 0x80)))).toBe('E_FACE_RECORD_UNSUPPORTED')
    expect(read(patched((b) => (b[IMAGE_INFO] = 4)))).toBe('E_FACE_RECORD_VALUE')
    expect(read(patched((b) => (b[IMAGE_INFO + 1] = 4)))).toBe('E_FACE_RECORD_VALUE')
    expect(read(patched((_, v) => v.setUint16(IMAGE_INFO + 2, 0)))).toBe('E_FACE_RECORD_VALUE')
    expect(read(patched((b) => (b[IMAGE_INFO + 6] = 8)))).toBe('E_FACE_RECORD_VALUE')
    expect(read(patched((b) => (b[IMAGE_INFO + 10] = 7)))).toBe('E_FACE_RECORD_VALUE')
    expect(read(patched((b) => (b[IMAGE_INFO + 1] = 3)))).toBe('E_FACE_RECORD_IMAGE') // says PNG
    expect(read(patched((b) => (b[IMAGE_DATA + 2] = 0)))).toBe('E_FACE_RECORD_IMAGE')
    expect(read(patched((_, v) => v.setUint32(IMAGE_INFO + 11, 7)))).toBe('E_FACE_RECORD_TRUNCATED')
    expect(read(patched((_, v) => v.setUint32(IMAGE_INFO + 11, 5)))).toBe(
      'E_FACE_RECORD_UNSUPPORTED',
    )
  })

  it('refuses bytes after the last representation', () => {
    const longer = new Uint8Array(good.length + 3)
    longer.set(good)
    new DataView(longer.buffer).setUint32(8, longer.length)
    expect(codeOf(() => readFaceRecord(longer))).toBe('E_FACE_RECORD_TRAILING')
  })

  it('throws only FaceRecordError on arbitrary or mutated input', () => {
    const check = (bytes: Uint8Array) => {
      codeOf(() => readFaceRecord(bytes))
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), check), { numRuns: 300 })
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 4,
        }),
        fc.nat(good.length),
        (edits, cut) => {
          const bytes = good.slice(0, Math.max(cut, 17))
          for (const [at, v] of edits) if (at < bytes.length) bytes[at] = v
          if (cut % 2 === 0) {
            bytes.set(good.subarray(0, 8), 0)
            new DataView(bytes.buffer).setUint32(8, bytes.length)
          }
          check(bytes)
        },
      ),
      { numRuns: 1500 },
    )
  })
})
