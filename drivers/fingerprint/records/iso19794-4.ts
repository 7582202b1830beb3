import { RecordParseError } from './errors'

/**
 * ISO/IEC 19794-4:2011 finger image record ("FIR\0", version "020\0"), big-endian throughout.
 * Layout as in the research note §4.1 (fields as MOSIP bio-utils reads them):
 *   general header (16): format ID, version, record length(4), representation count(2),
 *     certification flag(1), distinct finger positions(1)
 *   per representation: length(4), capture date-time(9), device technology(1), vendor(2), type(2),
 *     quality blocks (count(1) + 5 each), [certification blocks (count(1) + 3 each) if flagged],
 *     position(1), representation number(1), scale units(1), capture sampling rate H, V(2+2),
 *     image sampling rate H, V(2+2), bit depth(1), compression(1), impression type(1),
 *     line lengths H, V(2+2), image data length(4), image data, then any extended data.
 */
export const FIR_FORMAT_ID = 'FIR\0'
export const FIR_VERSION_2011 = '020\0'

export const FINGER_IMAGE_COMPRESSION = {
  none: 0,
  noneBitPacked: 1,
  wsq: 2,
  jpeg: 3,
  jpeg2000Lossy: 4,
  jpeg2000Lossless: 5,
  png: 6,
} as const

export const IMPRESSION_TYPE = {
  liveScanPlain: 0,
  liveScanRolled: 1,
  nonLiveScanPlain: 2,
  nonLiveScanRolled: 3,
  swipe: 8,
  unknown: 29,
} as const

export const SCALE_UNITS = { ppi: 1, ppcm: 2 } as const

/** Fields of the 9-byte capture date-time (UTC); 0xFF… in every field means "not given". */
export interface CaptureDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
}

export interface QualityBlock {
  /** 0 … 100, or 255 when the algorithm failed. */
  score: number
  /** IBIA-registered vendor of the quality algorithm. */
  vendorId: number
  algorithmId: number
}

export interface CertificationBlock {
  authorityId: number
  schemeId: number
}

export interface FingerRepresentation {
  captureDateTime: CaptureDateTime
  deviceTechnology: number
  deviceVendorId: number
  deviceTypeId: number
  quality: QualityBlock[]
  /** Written only when the record's certification flag is set. */
  certifications: CertificationBlock[]
  /** ISO finger position (1 right thumb … 10 left little; 0 unknown). */
  position: number
  representationNumber: number
  scaleUnits: number
  captureResolution: { horizontal: number; vertical: number }
  imageResolution: { horizontal: number; vertical: number }
  bitDepth: number
  compression: number
  impressionType: number
  width: number
  height: number
  imageData: Uint8Array
  /** Bytes after the image data inside the representation (extended data blocks), kept verbatim. */
  extendedData: Uint8Array
}

export interface FingerImageRecord {
  certificationFlag: boolean
  representations: FingerRepresentation[]
}

const GENERAL_HEADER_LENGTH = 16

export function captureDateTimeOf(date: Date): CaptureDateTime {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  }
}

function representationLength(r: FingerRepresentation, certified: boolean): number {
  return (
    4 +
    9 +
    1 +
    2 +
    2 +
    1 +
    5 * r.quality.length +
    (certified ? 1 + 3 * r.certifications.length : 0) +
    1 +
    1 +
    1 +
    8 +
    1 +
    1 +
    1 +
    4 +
    4 +
    r.imageData.length +
    r.extendedData.length
  )
}

function checkRange(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`ISO 19794-4: ${name} ${value} is outside 0…${max}`)
  }
}

/** Serialises a record; throws RangeError when a field does not fit its width. */
export function writeFingerImageRecord(record: FingerImageRecord): Uint8Array {
  const reps = record.representations
  checkRange('representation count', reps.length, 0xffff)
  const total =
    GENERAL_HEADER_LENGTH +
    reps.reduce((n, r) => n + representationLength(r, record.certificationFlag), 0)
  checkRange('record length', total, 0xffffffff)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  out.set(new TextEncoder().encode(FIR_FORMAT_ID + FIR_VERSION_2011), 0)
  view.setUint32(8, total)
  view.setUint16(12, reps.length)
  out[14] = record.certificationFlag ? 1 : 0
  out[15] = new Set(reps.map((r) => r.position)).size
  let at = GENERAL_HEADER_LENGTH
  for (const r of reps) {
    const length = representationLength(r, record.certificationFlag)
    view.setUint32(at, length)
    const d = r.captureDateTime
    checkRange('year', d.year, 0xffff)
    view.setUint16(at + 4, d.year)
    for (const [i, [name, v]] of (
      [
        ['month', d.month],
        ['day', d.day],
        ['hour', d.hour],
        ['minute', d.minute],
        ['second', d.second],
      ] as const
    ).entries()) {
      checkRange(name, v, 0xff)
      out[at + 6 + i] = v
    }
    checkRange('millisecond', d.millisecond, 0xffff)
    view.setUint16(at + 11, d.millisecond)
    checkRange('device technology', r.deviceTechnology, 0xff)
    out[at + 13] = r.deviceTechnology
    checkRange('device vendor', r.deviceVendorId, 0xffff)
    view.setUint16(at + 14, r.deviceVendorId)
    checkRange('device type', r.deviceTypeId, 0xffff)
    view.setUint16(at + 16, r.deviceTypeId)
    let p = at + 18
    checkRange('quality block count', r.quality.length, 0xff)
    out[p++] = r.quality.length
    for (const q of r.quality) {
      checkRange('quality score', q.score, 0xff)
      checkRange('quality vendor', q.vendorId, 0xffff)
      checkRange('quality algorithm', q.algorithmId, 0xffff)
      out[p] = q.score
      view.setUint16(p + 1, q.vendorId)
      view.setUint16(p + 3, q.algorithmId)
      p += 5
    }
    if (record.certificationFlag) {
      checkRange('certification block count', r.certifications.length, 0xff)
      out[p++] = r.certifications.length
      for (const c of r.certifications) {
        checkRange('certification authority', c.authorityId, 0xffff)
        checkRange('certification scheme', c.schemeId, 0xff)
        view.setUint16(p, c.authorityId)
        out[p + 2] = c.schemeId
        p += 3
      }
    }
    const bytes: [string, number][] = [
      ['position', r.position],
      ['representation number', r.representationNumber],
      ['scale units', r.scaleUnits],
    ]
    for (const [name, v] of bytes) {
      checkRange(name, v, 0xff)
      out[p++] = v
    }
    for (const [name, v] of [
      ['capture resolution', r.captureResolution.horizontal],
      ['capture resolution', r.captureResolution.vertical],
      ['image resolution', r.imageResolution.horizontal],
      ['image resolution', r.imageResolution.vertical],
    ] as const) {
      checkRange(name, v, 0xffff)
      view.setUint16(p, v)
      p += 2
    }
    for (const [name, v] of [
      ['bit depth', r.bitDepth],
      ['compression', r.compression],
      ['impression type', r.impressionType],
    ] as const) {
      checkRange(name, v, 0xff)
      out[p++] = v
    }
    checkRange('width', r.width, 0xffff)
    checkRange('height', r.height, 0xffff)
    view.setUint16(p, r.width)
    view.setUint16(p + 2, r.height)
    view.setUint32(p + 4, r.imageData.length)
    p += 8
    out.set(r.imageData, p)
    out.set(r.extendedData, p + r.imageData.length)
    at += length
  }
  return out
}

class Reader {
  at: number
  constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    start: number,
    private readonly end: number,
  ) {
    this.at = start
  }
  need(n: number, what: string): void {
    if (this.at + n > this.end) {
      throw new RecordParseError('iso19794-4', `truncated at ${what} (offset ${this.at})`)
    }
  }
  u8(what: string): number {
    this.need(1, what)
    return this.bytes[this.at++] ?? 0
  }
  u16(what: string): number {
    this.need(2, what)
    const v = this.view.getUint16(this.at)
    this.at += 2
    return v
  }
  u32(what: string): number {
    this.need(4, what)
    const v = this.view.getUint32(this.at)
    this.at += 4
    return v
  }
  take(n: number, what: string): Uint8Array {
    this.need(n, what)
    const v = this.bytes.slice(this.at, this.at + n)
    this.at += n
    return v
  }
}

/** Parses a record; throws only RecordParseError. */
export function parseFingerImageRecord(bytes: Uint8Array): FingerImageRecord {
  if (bytes.length < GENERAL_HEADER_LENGTH) {
    throw new RecordParseError(
      'iso19794-4',
      `too short for a general header (${bytes.length} bytes)`,
    )
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8))
  if (head.slice(0, 4) !== FIR_FORMAT_ID)
    throw new RecordParseError('iso19794-4', 'not a FIR record')
  if (head.slice(4, 8) !== FIR_VERSION_2011) {
    throw new RecordParseError(
      'iso19794-4',
      `unsupported version ${JSON.stringify(head.slice(4, 7))}`,
    )
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const total = view.getUint32(8)
  if (total !== bytes.length) {
    throw new RecordParseError(
      'iso19794-4',
      `record length ${total} but ${bytes.length} bytes given`,
    )
  }
  const count = view.getUint16(12)
  if (count === 0) throw new RecordParseError('iso19794-4', 'no finger representation')
  const certFlag = bytes[14] ?? 0
  if (certFlag > 1) throw new RecordParseError('iso19794-4', `certification flag ${certFlag}`)
  const certificationFlag = certFlag === 1
  const representations: FingerRepresentation[] = []
  let at = GENERAL_HEADER_LENGTH
  for (let i = 0; i < count; i++) {
    if (at + 4 > total) throw new RecordParseError('iso19794-4', `representation ${i + 1} missing`)
    const length = view.getUint32(at)
    if (length < 4 || at + length > total) {
      throw new RecordParseError(
        'iso19794-4',
        `representation ${i + 1} length ${length} out of bounds`,
      )
    }
    const end = at + length
    const r = new Reader(bytes, view, at + 4, end)
    const captureDateTime: CaptureDateTime = {
      year: r.u16('year'),
      month: r.u8('month'),
      day: r.u8('day'),
      hour: r.u8('hour'),
      minute: r.u8('minute'),
      second: r.u8('second'),
      millisecond: r.u16('millisecond'),
    }
    const deviceTechnology = r.u8('device technology')
    const deviceVendorId = r.u16('device vendor')
    const deviceTypeId = r.u16('device type')
    const quality: QualityBlock[] = []
    for (let q = r.u8('quality count'); q > 0; q--) {
      quality.push({
        score: r.u8('quality score'),
        vendorId: r.u16('quality vendor'),
        algorithmId: r.u16('quality algorithm'),
      })
    }
    const certifications: CertificationBlock[] = []
    if (certificationFlag) {
      for (let c = r.u8('certification count'); c > 0; c--) {
        certifications.push({
          authorityId: r.u16('certification authority'),
          schemeId: r.u8('certification scheme'),
        })
      }
    }
    const position = r.u8('finger position')
    const representationNumber = r.u8('representation number')
    const scaleUnits = r.u8('scale units')
    const captureResolution = {
      horizontal: r.u16('capture resolution'),
      vertical: r.u16('capture resolution'),
    }
    const imageResolution = {
      horizontal: r.u16('image resolution'),
      vertical: r.u16('image resolution'),
    }
    const bitDepth = r.u8('bit depth')
    const compression = r.u8('compression')
    const impressionType = r.u8('impression type')
    const width = r.u16('width')
    const height = r.u16('height')
    const imageLength = r.u32('image length')
    const imageData = r.take(imageLength, 'image data')
    const extendedData = r.take(end - r.at, 'extended data')
    representations.push({
      captureDateTime,
      deviceTechnology,
      deviceVendorId,
      deviceTypeId,
      quality,
      certifications,
      position,
      representationNumber,
      scaleUnits,
      captureResolution,
      imageResolution,
      bitDepth,
      compression,
      impressionType,
      width,
      height,
      imageData,
      extendedData,
    })
    at = end
  }
  if (at !== total)
    throw new RecordParseError('iso19794-4', `${total - at} bytes after the last representation`)
  return { certificationFlag, representations }
}
