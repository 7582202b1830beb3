import { readTlvList, requireTlv, tlv, type Tlv } from '../../../../lib/asn1/tlv'
import { concat, uintBytes } from '../../../../lib/bytes'
import { ParseError } from '../../../../lib/parse-error'
import { unwrapLdsFile } from './files'
import { jpegDimensions, sniffImageFormat, type FaceImageFormat } from './image-format'

/** One face image of DG2, from its ISO/IEC 19794-5 (2005) biometric data block. */
export interface FaceImage {
  format: FaceImageFormat
  width: number
  height: number
  /** The encoded image (JPEG or JPEG 2000 bytes) exactly as stored. */
  image: Uint8Array
  /** ISO/IEC 19794-5 image data type byte: 0 = JPEG, 1 = JPEG 2000. */
  imageDataType: number
  /** 0 basic, 1 full frontal, 2 token frontal. */
  faceImageType: number
  /** 0 unspecified, 1 male, 2 female, 0xFF unknown. */
  gender: number
  featurePointCount: number
  /** 0 unspecified, 1 sRGB, 2 YUV422, 3 greyscale, 4 other. */
  colourSpace: number
  sourceType: number
}

/** DG2 content; the first face's fields are repeated at the top level for the common one-face case. */
export interface Dg2 extends FaceImage {
  faces: FaceImage[]
}

const FAC = [0x46, 0x41, 0x43, 0x00]
const FACIAL_INFO_SIZE = 20
const FEATURE_POINT_SIZE = 8
const IMAGE_INFO_SIZE = 12
/** Some issuers get the block length slightly wrong (gmrtd notes NZ: 8 bytes, UK: 1 byte). */
const LENGTH_SLACK = 8

/** DG2 (ICAO 9303-10 §4.7.2): 75 { 7F61 { 02 n, 7F60 { A1 header, 5F2E|7F2E BDB }… } }. */
export function parseDg2(bytes: Uint8Array): Dg2 {
  const outer = unwrapLdsFile('DG2', bytes)
  const group = requireTlv(readTlvList(outer.value), 0x7f61, 'dg2')
  const templates = readTlvList(group.value).filter((t) => t.tag === 0x7f60)
  const faces = templates.flatMap((t) => parseBiometricTemplate(t))
  const first = faces[0]
  if (!first) throw new ParseError('dg2', 'no face image')
  return { ...first, faces }
}

function parseBiometricTemplate(template: Tlv): FaceImage[] {
  const items = readTlvList(template.value)
  const block = items.find((t) => t.tag === 0x5f2e || t.tag === 0x7f2e)
  if (!block) throw new ParseError('dg2', 'biometric template without a data block (5F2E/7F2E)')
  return parseFaceRecord(block.value)
}

/** ISO/IEC 19794-5:2005 facial record: 14-byte header, then per image 20 + 8n + 12 bytes and the image. */
export function parseFaceRecord(bdb: Uint8Array): FaceImage[] {
  if (bdb.length < 14 || !FAC.every((b, i) => bdb[i] === b)) {
    throw new ParseError(
      'dg2',
      'biometric data block is not an ISO/IEC 19794-5 facial record (FAC)',
    )
  }
  const count = u16(bdb, 12)
  const faces: FaceImage[] = []
  let at = 14
  for (let i = 0; i < count; i++) {
    if (at + FACIAL_INFO_SIZE > bdb.length) throw new ParseError('dg2', `face ${i + 1} truncated`)
    let blockLength = u32(bdb, at)
    const available = bdb.length - at
    if (blockLength > available) {
      if (blockLength - available > LENGTH_SLACK) {
        throw new ParseError(
          'dg2',
          `face ${i + 1} claims ${blockLength} bytes, ${available} remain`,
        )
      }
      blockLength = available
    }
    const featurePointCount = u16(bdb, at + 4)
    const infoAt = at + FACIAL_INFO_SIZE + featurePointCount * FEATURE_POINT_SIZE
    const imageAt = infoAt + IMAGE_INFO_SIZE
    if (imageAt > at + blockLength)
      throw new ParseError('dg2', `face ${i + 1} header overruns its block`)
    const imageDataType = byte(bdb, infoAt + 1)
    const image = bdb.subarray(imageAt, at + blockLength)
    const declared: FaceImageFormat | null =
      imageDataType === 0 ? 'jpeg' : imageDataType === 1 ? 'jpeg2000' : null
    const format = sniffImageFormat(image) ?? declared
    if (!format) throw new ParseError('dg2', `unknown image data type ${imageDataType}`)
    faces.push({
      format,
      width: u16(bdb, infoAt + 2),
      height: u16(bdb, infoAt + 4),
      image,
      imageDataType,
      faceImageType: byte(bdb, infoAt),
      gender: byte(bdb, at + 6),
      featurePointCount,
      colourSpace: byte(bdb, infoAt + 6),
      sourceType: byte(bdb, infoAt + 7),
    })
    at += blockLength
  }
  return faces
}

export interface Dg2Input {
  image: Uint8Array
  /** Default: what the bytes announce (JPEG or JPEG 2000). */
  format?: FaceImageFormat
  /** Read from the JPEG's frame header when omitted; required for JPEG 2000. */
  width?: number
  height?: number
  /** Default 1 (full frontal). */
  faceImageType?: number
  /** Default 0 (unspecified). */
  gender?: number
  /** Default 1 (sRGB). */
  colourSpace?: number
  /** Default 3 (static photo from a digital still camera). */
  sourceType?: number
}

/** DG2 holding one face image, with the ICAO biometric header template for ISO/IEC 19794-5. */
export function buildDg2(input: Dg2Input): Uint8Array {
  const format = input.format ?? sniffImageFormat(input.image)
  if (!format) throw new RangeError('the image is neither JPEG nor JPEG 2000')
  const size =
    input.width !== undefined && input.height !== undefined
      ? { width: input.width, height: input.height }
      : format === 'jpeg'
        ? jpegDimensions(input.image)
        : null
  if (!size) throw new RangeError('width and height are needed (no JPEG frame header found)')
  const facialInfo = concat(
    uintBytes(FACIAL_INFO_SIZE + IMAGE_INFO_SIZE + input.image.length, 4),
    uintBytes(0, 2), // feature points
    Uint8Array.of(input.gender ?? 0, 0, 0), // gender, eye colour, hair colour
    new Uint8Array(3 + 2 + 3 + 3), // feature mask, expression, pose angle, pose angle uncertainty
  )
  const imageInfo = concat(
    Uint8Array.of(input.faceImageType ?? 1, format === 'jpeg' ? 0 : 1),
    uintBytes(size.width, 2),
    uintBytes(size.height, 2),
    Uint8Array.of(input.colourSpace ?? 1, input.sourceType ?? 3),
    uintBytes(0, 2), // device type
    uintBytes(0, 2), // quality
  )
  const body = concat(facialInfo, imageInfo, input.image)
  const record = concat(
    Uint8Array.from(FAC),
    Buffer.from('010\0', 'latin1'),
    uintBytes(14 + body.length, 4),
    uintBytes(1, 2),
    body,
  )
  const header = tlv(
    0xa1,
    tlv(0x80, Uint8Array.of(0x01, 0x01)), // ICAO header version 1.1
    tlv(0x81, Uint8Array.of(0x02)), // biometric type: facial features
    tlv(0x87, Uint8Array.of(0x01, 0x01)), // format owner: ISO/IEC JTC 1/SC 37
    tlv(0x88, Uint8Array.of(0x00, 0x08)), // format type: ISO/IEC 19794-5 face image
  )
  return tlv(
    0x75,
    tlv(0x7f61, tlv(0x02, Uint8Array.of(1)), tlv(0x7f60, header, tlv(0x5f2e, record))),
  )
}

function byte(buf: Uint8Array, at: number): number {
  const b = buf[at]
  if (b === undefined) throw new ParseError('dg2', `truncated at byte ${at}`)
  return b
}

function u16(buf: Uint8Array, at: number): number {
  return byte(buf, at) * 256 + byte(buf, at + 1)
}

function u32(buf: Uint8Array, at: number): number {
  return u16(buf, at) * 65536 + u16(buf, at + 2)
}
