import {
  decodeImage,
  encodeToken,
  FaceRecordError,
  ImageError,
  makeTokenImage,
  readFaceRecord,
  readJpegQuality,
} from '../../../drivers/camera'
import { randomBytes } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { faceImages, faceRecords } from '../seeds/faces'

/** ASCII pieces of the format that byte flips would rarely spell (the engine inserts them as UTF-8). */
const FACE_RECORD_TOKENS = [
  'FAC\u0000030\u0000',
  'FAC\u0000010\u0000',
  '030\u0000',
  '\u0000\u0000\u0000\u000cjP  \r\n',
  'jp2c',
  'IHDR',
  'PNG\r\n\u001a\n',
  '\u0000\u0000\u0000\u0000',
  '\u0000\u0001',
  '\u007f\u007f\u007f\u007f',
]

export const faceRecord: FuzzTarget = {
  name: 'face-record',
  parses:
    'readFaceRecord (ISO/IEC 19794-5:2011 face records: the kiosk portrait, files from elsewhere)',
  typedErrors: 'FaceRecordError',
  setup: () => ({
    seeds: faceRecords(),
    generated: randomBytes(400),
    structure: { tlv: false, dictionary: FACE_RECORD_TOKENS },
    mode: 'sync',
    execute: (input) => readFaceRecord(input).representations.length,
    isTyped: instanceOfAny(FaceRecordError),
  }),
}

export const faceImage: FuzzTarget = {
  name: 'face-image-decode',
  parses:
    'decodeImage and readJpegQuality: a portrait image (JPEG, PNG, JPEG 2000) from a record, a chip or a file, decoded to RGBA within its size cap',
  typedErrors: 'ImageError',
  setup: async () => {
    const [jpeg = new Uint8Array(0)] = faceImages()
    const frame = await decodeImage(jpeg)
    const token = makeTokenImage(
      frame,
      { imageLeft: [8, 14], imageRight: [16, 14] },
      { width: 240 },
    )
    return {
      seeds: [...faceImages(), await encodeToken(token, { format: 'jpeg2000' })],
      generated: randomBytes(400),
      structure: { tlv: false, dictionary: FACE_RECORD_TOKENS },
      mode: 'async',
      execute: async (input) => {
        readJpegQuality(input)
        const image = await decodeImage(input)
        return image.width * image.height
      },
      isTyped: instanceOfAny(ImageError),
    }
  },
}
