import { FaceRecordError, readFaceRecord } from '../../../drivers/camera'
import { randomBytes } from '../engine/generators'
import { instanceOfAny, type FuzzTarget } from '../engine/target'
import { faceRecords } from '../seeds/faces'

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
