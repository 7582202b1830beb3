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
  FACIAL_INFORMATION_LENGTH,
  GENDER,
  GENERAL_HEADER_LENGTH,
  HAIR_COLOUR,
  IMAGE_DATA_TYPE,
  IMAGE_INFORMATION_LENGTH,
  LANDMARK_POINT_LENGTH,
  LANDMARK_TYPE,
  QUALITY_BLOCK_LENGTH,
  REPRESENTATION_FIXED_LENGTH,
  type FaceRecordInput,
  type FacialInformation,
  type PoseAngles,
} from './format'
import { encodePoseAngle, encodePoseUncertainty } from './pose-angle'

function valueError(field: string, value: unknown): FaceRecordError {
  return new FaceRecordError('E_FACE_RECORD_VALUE', { field, value: String(value) })
}

function checkRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw valueError(field, value)
}

/** Big-endian fields written in order; each is range-checked against its width first. */
class FieldWriter {
  at = 0
  private readonly view: DataView
  constructor(private readonly out: Uint8Array) {
    this.view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  }
  u8(field: string, value: number): void {
    checkRange(field, value, 0, 0xff)
    this.out[this.at++] = value
  }
  u16(field: string, value: number): void {
    checkRange(field, value, 0, 0xffff)
    this.view.setUint16(this.at, value)
    this.at += 2
  }
  u24(field: string, value: number): void {
    checkRange(field, value, 0, 0xffffff)
    this.u8(field, value >>> 16)
    this.u16(field, value & 0xffff)
  }
  u32(field: string, value: number): void {
    checkRange(field, value, 0, 0xffffffff)
    this.view.setUint32(this.at, value)
    this.at += 4
  }
  bytes(data: Uint8Array): void {
    this.out.set(data, this.at)
    this.at += data.length
  }
}

/** A name's code in its table; a name outside it (from untyped callers) is refused. */
function codeOf<T extends Record<string, number>>(table: T, field: string, name: string): number {
  const code = Object.hasOwn(table, name) ? table[name] : undefined
  if (code === undefined) throw valueError(field, name)
  return code
}

function representationLength(input: FaceRecordInput): number {
  return (
    REPRESENTATION_FIXED_LENGTH +
    QUALITY_BLOCK_LENGTH * input.quality.length +
    FACIAL_INFORMATION_LENGTH +
    LANDMARK_POINT_LENGTH * input.landmarks.length +
    IMAGE_INFORMATION_LENGTH +
    4 +
    input.imageData.length
  )
}

function writeCaptureDateTime(w: FieldWriter, date: Date): void {
  if (!Number.isFinite(date.getTime())) throw valueError('capture date', date)
  w.u16('capture year', date.getUTCFullYear())
  w.u8('capture month', date.getUTCMonth() + 1)
  w.u8('capture day', date.getUTCDate())
  w.u8('capture hour', date.getUTCHours())
  w.u8('capture minute', date.getUTCMinutes())
  w.u8('capture second', date.getUTCSeconds())
  w.u16('capture millisecond', date.getUTCMilliseconds())
}

function writeAngles(w: FieldWriter, pose: PoseAngles, uncertainty: PoseAngles): void {
  for (const axis of ['yaw', 'pitch', 'roll'] as const) {
    const degrees = pose[axis]
    if (degrees !== null && !(degrees >= -180 && degrees <= 180)) throw valueError(axis, degrees)
    w.u8(`pose ${axis}`, encodePoseAngle(degrees))
  }
  for (const axis of ['yaw', 'pitch', 'roll'] as const) {
    const degrees = uncertainty[axis]
    if (degrees !== null && !(degrees >= 0 && degrees <= 180)) throw valueError(axis, degrees)
    w.u8(`pose uncertainty ${axis}`, encodePoseUncertainty(degrees))
  }
}

function writeFacialInformation(
  w: FieldWriter,
  facial: FacialInformation,
  landmarks: number,
): void {
  w.u16('landmark count', landmarks)
  w.u8('gender', codeOf(GENDER, 'gender', facial.gender))
  w.u8('eye colour', codeOf(EYE_COLOUR, 'eye colour', facial.eyeColour))
  w.u8('hair colour', codeOf(HAIR_COLOUR, 'hair colour', facial.hairColour))
  w.u8('subject height', facial.subjectHeight)
  let mask = 0
  for (const p of facial.properties) mask |= codeOf(FACE_PROPERTY, 'property', p)
  w.u24('property mask', mask)
  w.u16('expression', codeOf(EXPRESSION, 'expression', facial.expression))
  writeAngles(w, facial.pose, facial.poseUncertainty)
}

/** Everything after the quality blocks: facial information, landmarks, image information, data. */
function writeFaceData(w: FieldWriter, input: FaceRecordInput): void {
  writeFacialInformation(w, input.facial, input.landmarks.length)
  for (const point of input.landmarks) {
    w.u8('landmark type', codeOf(LANDMARK_TYPE, 'landmark type', point.type))
    w.u8('landmark code', point.code)
    w.u16('landmark x', point.x)
    w.u16('landmark y', point.y)
    w.u16('landmark z', point.z)
  }
  const image = input.image
  w.u8('face image type', codeOf(FACE_IMAGE_TYPE, 'face image type', image.faceImageType))
  w.u8('image data type', codeOf(IMAGE_DATA_TYPE, 'image data type', image.dataType))
  checkRange('width', image.width, 1, 0xffff)
  checkRange('height', image.height, 1, 0xffff)
  w.u16('width', image.width)
  w.u16('height', image.height)
  checkRange('spatial sampling rate level', image.spatialSamplingRateLevel, 0, 7)
  w.u8('spatial sampling rate level', image.spatialSamplingRateLevel)
  w.u16('post-acquisition processing', image.postAcquisitionProcessing)
  w.u8('cross reference', image.crossReference)
  w.u8('colour space', codeOf(COLOUR_SPACE, 'colour space', image.colourSpace))
  w.u32('image data length', input.imageData.length)
  w.bytes(input.imageData)
}

function writeRepresentation(w: FieldWriter, input: FaceRecordInput): void {
  w.u32('representation length', representationLength(input))
  writeCaptureDateTime(w, input.capturedAt)
  const technology = codeOf(
    CAPTURE_DEVICE_TECHNOLOGY,
    'capture device technology',
    input.captureDeviceTechnology,
  )
  w.u8('capture device technology', technology)
  w.u16('device vendor', input.deviceVendorId)
  w.u16('device type', input.deviceTypeId)
  w.u8('quality block count', input.quality.length)
  for (const q of input.quality) {
    if (q.score > 100 && q.score !== 255) throw valueError('quality score', q.score)
    w.u8('quality score', q.score)
    w.u16('quality vendor', q.vendorId)
    w.u16('quality algorithm', q.algorithmId)
  }
  writeFaceData(w, input)
}

/**
 * Serialises ISO/IEC 19794-5:2011 face records: one representation per input (the kiosk writes
 * one), temporal semantics 0 for a single image. Throws FaceRecordError (E_FACE_RECORD_VALUE,
 * E_FACE_RECORD_COUNT) when a field does not fit its encoding.
 */
export function buildFaceRecord(
  input: FaceRecordInput | readonly FaceRecordInput[],
  temporalSemantics = 0,
): Uint8Array {
  const representations: readonly FaceRecordInput[] = Array.isArray(input) ? input : [input]
  const count = representations.length
  if (count < 1 || count > FACE_RECORD_LIMITS.representations) {
    const max = FACE_RECORD_LIMITS.representations
    throw new FaceRecordError('E_FACE_RECORD_COUNT', { field: 'representations', count, max })
  }
  for (const r of representations) {
    if (r.landmarks.length > FACE_RECORD_LIMITS.landmarks) {
      const params = {
        field: 'landmarks',
        count: r.landmarks.length,
        max: FACE_RECORD_LIMITS.landmarks,
      }
      throw new FaceRecordError('E_FACE_RECORD_COUNT', params)
    }
  }
  const total =
    GENERAL_HEADER_LENGTH + representations.reduce((n, r) => n + representationLength(r), 0)
  checkRange('record length', total, 0, 0xffffffff)
  const out = new Uint8Array(total)
  const w = new FieldWriter(out)
  w.bytes(new TextEncoder().encode(FACE_FORMAT_ID + FACE_VERSION_2011))
  w.u32('record length', total)
  w.u16('representation count', count)
  w.u8('certification flag', 0)
  w.u16('temporal semantics', temporalSemantics)
  for (const r of representations) writeRepresentation(w, r)
  return out
}
