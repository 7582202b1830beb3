import {
  FIR_FORMAT_ID,
  FIR_VERSION_2011,
  GENERAL_HEADER_LENGTH,
  type CaptureDateTime,
  type FingerImageRecord,
  type FingerRepresentation,
} from './iso19794-4-format'

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

/** Big-endian fields written in order; each is range-checked against its width first. */
class FieldWriter {
  private readonly view: DataView
  constructor(
    private readonly out: Uint8Array,
    public at: number,
  ) {
    this.view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  }
  u8(name: string, value: number): void {
    checkRange(name, value, 0xff)
    this.out[this.at++] = value
  }
  u16(name: string, value: number): void {
    checkRange(name, value, 0xffff)
    this.view.setUint16(this.at, value)
    this.at += 2
  }
  u32(name: string, value: number): void {
    checkRange(name, value, 0xffffffff)
    this.view.setUint32(this.at, value)
    this.at += 4
  }
  bytes(data: Uint8Array): void {
    this.out.set(data, this.at)
    this.at += data.length
  }
}

function writeCaptureDateTime(w: FieldWriter, d: CaptureDateTime): void {
  w.u16('year', d.year)
  w.u8('month', d.month)
  w.u8('day', d.day)
  w.u8('hour', d.hour)
  w.u8('minute', d.minute)
  w.u8('second', d.second)
  w.u16('millisecond', d.millisecond)
}

/** Quality blocks, then (when the record is flagged certified) certification blocks. */
function writeQualityAndCertifications(
  w: FieldWriter,
  r: FingerRepresentation,
  certified: boolean,
): void {
  w.u8('quality block count', r.quality.length)
  for (const q of r.quality) {
    w.u8('quality score', q.score)
    w.u16('quality vendor', q.vendorId)
    w.u16('quality algorithm', q.algorithmId)
  }
  if (!certified) return
  w.u8('certification block count', r.certifications.length)
  for (const c of r.certifications) {
    w.u16('certification authority', c.authorityId)
    w.u8('certification scheme', c.schemeId)
  }
}

/** One representation: header, capture and image description, image data, extended data. */
function writeRepresentation(w: FieldWriter, r: FingerRepresentation, certified: boolean): void {
  w.u32('representation length', representationLength(r, certified))
  writeCaptureDateTime(w, r.captureDateTime)
  w.u8('device technology', r.deviceTechnology)
  w.u16('device vendor', r.deviceVendorId)
  w.u16('device type', r.deviceTypeId)
  writeQualityAndCertifications(w, r, certified)
  w.u8('position', r.position)
  w.u8('representation number', r.representationNumber)
  w.u8('scale units', r.scaleUnits)
  w.u16('capture resolution', r.captureResolution.horizontal)
  w.u16('capture resolution', r.captureResolution.vertical)
  w.u16('image resolution', r.imageResolution.horizontal)
  w.u16('image resolution', r.imageResolution.vertical)
  w.u8('bit depth', r.bitDepth)
  w.u8('compression', r.compression)
  w.u8('impression type', r.impressionType)
  w.u16('width', r.width)
  w.u16('height', r.height)
  w.u32('image length', r.imageData.length)
  w.bytes(r.imageData)
  w.bytes(r.extendedData)
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
  const w = new FieldWriter(out, 0)
  w.bytes(new TextEncoder().encode(FIR_FORMAT_ID + FIR_VERSION_2011))
  w.u32('record length', total)
  w.u16('representation count', reps.length)
  w.u8('certification flag', record.certificationFlag ? 1 : 0)
  // At most 256 distinct u8 positions: the byte wraps as it always did.
  w.u8('distinct finger positions', new Set(reps.map((r) => r.position)).size & 0xff)
  for (const r of reps) writeRepresentation(w, r, record.certificationFlag)
  return out
}
