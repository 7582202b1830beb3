import { RecordParseError } from './errors'
import {
  FIR_FORMAT_ID,
  FIR_VERSION_2011,
  GENERAL_HEADER_LENGTH,
  type CaptureDateTime,
  type CertificationBlock,
  type FingerImageRecord,
  type FingerRepresentation,
  type QualityBlock,
} from './iso19794-4-format'

/** Big-endian fields read in order within [start, end); running past `end` is a parse error. */
class FieldReader {
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

/** Checks the general header; returns the record length, representation count and flag. */
function parseGeneralHeader(
  bytes: Uint8Array,
  view: DataView,
): { total: number; count: number; certificationFlag: boolean } {
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
  return { total, count, certificationFlag: certFlag === 1 }
}

function readCaptureDateTime(r: FieldReader): CaptureDateTime {
  return {
    year: r.u16('year'),
    month: r.u8('month'),
    day: r.u8('day'),
    hour: r.u8('hour'),
    minute: r.u8('minute'),
    second: r.u8('second'),
    millisecond: r.u16('millisecond'),
  }
}

function readQualityBlocks(r: FieldReader): QualityBlock[] {
  const quality: QualityBlock[] = []
  for (let q = r.u8('quality count'); q > 0; q--) {
    quality.push({
      score: r.u8('quality score'),
      vendorId: r.u16('quality vendor'),
      algorithmId: r.u16('quality algorithm'),
    })
  }
  return quality
}

function readCertificationBlocks(r: FieldReader): CertificationBlock[] {
  const certifications: CertificationBlock[] = []
  for (let c = r.u8('certification count'); c > 0; c--) {
    certifications.push({
      authorityId: r.u16('certification authority'),
      schemeId: r.u8('certification scheme'),
    })
  }
  return certifications
}

/** One representation after its length field; whatever follows the image is extended data. */
function readRepresentation(
  r: FieldReader,
  end: number,
  certificationFlag: boolean,
): FingerRepresentation {
  const captureDateTime = readCaptureDateTime(r)
  const deviceTechnology = r.u8('device technology')
  const deviceVendorId = r.u16('device vendor')
  const deviceTypeId = r.u16('device type')
  const quality = readQualityBlocks(r)
  const certifications = certificationFlag ? readCertificationBlocks(r) : []
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
  return {
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
  }
}

/** Parses a record; throws only RecordParseError. */
export function parseFingerImageRecord(bytes: Uint8Array): FingerImageRecord {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const { total, count, certificationFlag } = parseGeneralHeader(bytes, view)
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
    const reader = new FieldReader(bytes, view, at + 4, end)
    representations.push(readRepresentation(reader, end, certificationFlag))
    at = end
  }
  if (at !== total)
    throw new RecordParseError('iso19794-4', `${total - at} bytes after the last representation`)
  return { certificationFlag, representations }
}
