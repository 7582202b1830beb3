import { FaceRecordError } from './errors'
import {
  CAPTURE_DEVICE_TECHNOLOGY,
  COLOUR_SPACE,
  EXPRESSION,
  EYE_COLOUR,
  FACE_FORMAT_ID,
  FACE_IMAGE_TYPE,
  FACE_PROPERTY,
  FACE_RECORD_LIMITS,
  FACE_VERSION_2011,
  GENDER,
  GENERAL_HEADER_LENGTH,
  HAIR_COLOUR,
  IMAGE_DATA_TYPE,
  LANDMARK_TYPE,
  nameOf,
  type FaceImageInformation,
  type FaceProperty,
  type FaceQualityBlock,
  type FaceRecord,
  type FaceRepresentation,
  type FacialInformation,
  type ImageDataType,
  type LandmarkPoint,
  type PoseAngles,
} from './format'
import { decodePoseAngle, decodePoseUncertainty, POSE_BYTE_MAX } from './pose-angle'

/** Big-endian fields read in order within [at, end); running past `end` is E_FACE_RECORD_TRUNCATED. */
class FieldReader {
  private readonly view: DataView
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  get remaining(): number {
    return this.end - this.at
  }
  private need(n: number, field: string): void {
    if (this.at + n > this.end) {
      throw new FaceRecordError('E_FACE_RECORD_TRUNCATED', { field }, `offset ${this.at}`)
    }
  }
  u8(field: string): number {
    this.need(1, field)
    return this.bytes[this.at++] ?? 0
  }
  u16(field: string): number {
    this.need(2, field)
    const v = this.view.getUint16(this.at)
    this.at += 2
    return v
  }
  u32(field: string): number {
    this.need(4, field)
    const v = this.view.getUint32(this.at)
    this.at += 4
    return v
  }
  take(n: number, field: string): Uint8Array {
    this.need(n, field)
    const v = this.bytes.slice(this.at, this.at + n)
    this.at += n
    return v
  }
}

function valueError(field: string, value: number | string): FaceRecordError {
  return new FaceRecordError('E_FACE_RECORD_VALUE', { field, value: String(value) })
}

/** The name of `code` in `table`; an unknown code is refused. */
function enumOf<T extends Record<string, number>>(table: T, field: string, code: number): keyof T {
  const name = nameOf(table, code)
  if (name === undefined) throw valueError(field, code)
  return name
}

function readCaptureDate(r: FieldReader): Date {
  const [year, month, day, hour, minute, second] = [
    r.u16('capture year'),
    r.u8('capture month'),
    r.u8('capture day'),
    r.u8('capture hour'),
    r.u8('capture minute'),
    r.u8('capture second'),
  ]
  const millisecond = r.u16('capture millisecond')
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millisecond))
  // Date.UTC rolls 31 February over into March: the fields must come back as they were written.
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() + 1 === month &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second &&
    date.getUTCMilliseconds() === millisecond
  if (!same || year < 1900) {
    const text = `${year}-${month}-${day} ${hour}:${minute}:${second}.${millisecond}`
    throw valueError('capture date-time', text)
  }
  return date
}

function readQualityBlocks(r: FieldReader): FaceQualityBlock[] {
  const quality: FaceQualityBlock[] = []
  for (let n = r.u8('quality block count'); n > 0; n--) {
    const score = r.u8('quality score')
    if (score > 100 && score !== 255) throw valueError('quality score', score)
    quality.push({
      score,
      vendorId: r.u16('quality vendor'),
      algorithmId: r.u16('quality algorithm'),
    })
  }
  return quality
}

function readAngles(r: FieldReader, what: 'pose' | 'pose uncertainty'): PoseAngles {
  const decode = what === 'pose' ? decodePoseAngle : decodePoseUncertainty
  const angle = (axis: string): number | null => {
    const byte = r.u8(`${what} ${axis}`)
    if (byte > POSE_BYTE_MAX) throw valueError(`${what} ${axis}`, byte)
    return decode(byte)
  }
  const yaw = angle('yaw')
  const pitch = angle('pitch')
  return { yaw, pitch, roll: angle('roll') }
}

function readProperties(mask: number): FaceProperty[] {
  const known = Object.values(FACE_PROPERTY).reduce((m, bit) => m | bit, 0)
  if ((mask & ~known) !== 0) throw valueError('property mask', `0x${mask.toString(16)}`)
  return (Object.keys(FACE_PROPERTY) as FaceProperty[]).filter((p) => mask & FACE_PROPERTY[p])
}

function readFacialInformation(r: FieldReader): { facial: FacialInformation; landmarks: number } {
  const landmarks = r.u16('landmark count')
  if (landmarks > FACE_RECORD_LIMITS.landmarks) {
    const max = FACE_RECORD_LIMITS.landmarks
    throw new FaceRecordError('E_FACE_RECORD_COUNT', { field: 'landmarks', count: landmarks, max })
  }
  const gender = enumOf(GENDER, 'gender', r.u8('gender'))
  const eyeColour = enumOf(EYE_COLOUR, 'eye colour', r.u8('eye colour'))
  const hairColour = enumOf(HAIR_COLOUR, 'hair colour', r.u8('hair colour'))
  const subjectHeight = r.u8('subject height')
  const properties = readProperties((r.u8('property mask') << 16) | r.u16('property mask'))
  const expression = enumOf(EXPRESSION, 'expression', r.u16('expression'))
  const pose = readAngles(r, 'pose')
  const poseUncertainty = readAngles(r, 'pose uncertainty')
  const facial = {
    gender,
    eyeColour,
    hairColour,
    subjectHeight,
    properties,
    expression,
    pose,
    poseUncertainty,
  }
  return { facial, landmarks }
}

function readLandmark(r: FieldReader): LandmarkPoint {
  const type = enumOf(LANDMARK_TYPE, 'landmark type', r.u8('landmark type'))
  const code = r.u8('landmark code')
  return { type, code, x: r.u16('landmark x'), y: r.u16('landmark y'), z: r.u16('landmark z') }
}

function readImageInformation(r: FieldReader): FaceImageInformation {
  const typeCode = r.u8('face image type')
  if (typeCode >= 0x80 && typeCode <= 0x82) {
    throw new FaceRecordError('E_FACE_RECORD_UNSUPPORTED', { field: '3D face image type' })
  }
  const faceImageType = enumOf(FACE_IMAGE_TYPE, 'face image type', typeCode)
  const dataType = enumOf(IMAGE_DATA_TYPE, 'image data type', r.u8('image data type'))
  const width = r.u16('width')
  const height = r.u16('height')
  if (width === 0 || height === 0) throw valueError('image size', `${width}×${height}`)
  const spatialSamplingRateLevel = r.u8('spatial sampling rate level')
  if (spatialSamplingRateLevel > 7) {
    throw valueError('spatial sampling rate level', spatialSamplingRateLevel)
  }
  const postAcquisitionProcessing = r.u16('post-acquisition processing')
  const crossReference = r.u8('cross reference')
  const colourSpace = enumOf(COLOUR_SPACE, 'colour space', r.u8('colour space'))
  return {
    faceImageType,
    dataType,
    width,
    height,
    spatialSamplingRateLevel,
    postAcquisitionProcessing,
    crossReference,
    colourSpace,
  }
}

const IMAGE_MAGIC: Record<ImageDataType, readonly (readonly number[])[]> = {
  jpeg: [[0xff, 0xd8, 0xff]],
  'jpeg2000-lossy': [
    [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a],
    [0xff, 0x4f, 0xff, 0x51],
  ],
  'jpeg2000-lossless': [
    [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a],
    [0xff, 0x4f, 0xff, 0x51],
  ],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
}

function checkImageMagic(dataType: ImageDataType, data: Uint8Array): void {
  const matches = IMAGE_MAGIC[dataType].some(
    (magic) => data.length >= magic.length && magic.every((b, i) => data[i] === b),
  )
  if (!matches) throw new FaceRecordError('E_FACE_RECORD_IMAGE', { dataType })
}

/** One representation after its length field, which must end exactly where its image ends. */
function readRepresentation(r: FieldReader): FaceRepresentation {
  const capturedAt = readCaptureDate(r)
  const captureDeviceTechnology = enumOf(
    CAPTURE_DEVICE_TECHNOLOGY,
    'capture device technology',
    r.u8('capture device technology'),
  )
  const deviceVendorId = r.u16('device vendor')
  const deviceTypeId = r.u16('device type')
  const quality = readQualityBlocks(r)
  const { facial, landmarks: count } = readFacialInformation(r)
  const landmarks: LandmarkPoint[] = []
  for (let i = 0; i < count; i++) landmarks.push(readLandmark(r))
  const image = readImageInformation(r)
  const imageData = r.take(r.u32('image data length'), 'image data')
  checkImageMagic(image.dataType, imageData)
  if (r.remaining !== 0) {
    // MOSIP puts 3D information here; the kiosk's records have none.
    throw new FaceRecordError(
      'E_FACE_RECORD_UNSUPPORTED',
      { field: '3D information' },
      `${r.remaining} bytes`,
    )
  }
  const base = { capturedAt, captureDeviceTechnology, deviceVendorId, deviceTypeId, quality }
  return { ...base, facial, landmarks, image, imageData }
}

function readGeneralHeader(bytes: Uint8Array): { count: number; temporalSemantics: number } {
  if (bytes.length < GENERAL_HEADER_LENGTH) {
    throw new FaceRecordError('E_FACE_RECORD_TRUNCATED', { field: 'general header' })
  }
  const head = String.fromCharCode(...bytes.subarray(0, 8))
  if (head !== FACE_FORMAT_ID + FACE_VERSION_2011) {
    throw new FaceRecordError('E_FACE_RECORD_FORMAT', {}, JSON.stringify(head))
  }
  const r = new FieldReader(bytes, 8, GENERAL_HEADER_LENGTH)
  const total = r.u32('record length')
  if (total !== bytes.length) {
    const detail = `record length ${total}, ${bytes.length} bytes given`
    throw new FaceRecordError('E_FACE_RECORD_LENGTH', { field: 'record length' }, detail)
  }
  const count = r.u16('representation count')
  if (count < 1 || count > FACE_RECORD_LIMITS.representations) {
    const max = FACE_RECORD_LIMITS.representations
    throw new FaceRecordError('E_FACE_RECORD_COUNT', { field: 'representations', count, max })
  }
  if (r.u8('certification flag') !== 0) {
    throw new FaceRecordError('E_FACE_RECORD_UNSUPPORTED', { field: 'certification flag' })
  }
  return { count, temporalSemantics: r.u16('temporal semantics') }
}

/**
 * Reads an ISO/IEC 19794-5:2011 face record strictly: every length must agree, counts are
 * bounded, unknown codes are refused, the image must start as its data type says, and nothing may
 * follow the last representation. Throws FaceRecordError only.
 */
export function readFaceRecord(bytes: Uint8Array): FaceRecord {
  const { count, temporalSemantics } = readGeneralHeader(bytes)
  const representations: FaceRepresentation[] = []
  let at = GENERAL_HEADER_LENGTH
  for (let i = 0; i < count; i++) {
    const header = new FieldReader(bytes, at, bytes.length)
    const length = header.u32('representation length')
    if (length < 4 || at + length > bytes.length) {
      const detail = `representation ${i + 1}: length ${length} at offset ${at}`
      throw new FaceRecordError('E_FACE_RECORD_LENGTH', { field: 'representation length' }, detail)
    }
    representations.push(readRepresentation(new FieldReader(bytes, at + 4, at + length)))
    at += length
  }
  if (at !== bytes.length) {
    throw new FaceRecordError('E_FACE_RECORD_TRAILING', { bytes: bytes.length - at })
  }
  return { temporalSemantics, representations }
}
