import {
  buildFaceRecord,
  encodeJpeg,
  encodePng,
  MPEG4_EYE_CENTRE,
  type FaceRecordInput,
  type RgbaFrame,
} from '../../../drivers/camera'
import { FUZZ_NOW } from '../fixtures/fixture-keys'

/** A small grey-gradient frame: the record never decodes its image, a real one keeps seeds honest. */
function smallFrame(width: number, height: number): RgbaFrame {
  const data = new Uint8Array(width * height * 4)
  for (let p = 0; p < width * height; p++) data.set([p % 251, (p * 7) % 253, 128, 255], p * 4)
  return { width, height, data }
}

function representation(
  imageData: Uint8Array,
  dataType: FaceRecordInput['image']['dataType'],
): FaceRecordInput {
  return {
    capturedAt: FUZZ_NOW,
    captureDeviceTechnology: 'digital-video',
    deviceVendorId: 0,
    deviceTypeId: 0,
    quality: [{ score: 80, vendorId: 0x0102, algorithmId: 0x0041 }],
    facial: {
      gender: 'unspecified',
      eyeColour: 'unspecified',
      hairColour: 'unspecified',
      subjectHeight: 0,
      properties: ['specified'],
      expression: 'neutral',
      pose: { yaw: -6, pitch: 4, roll: 0 },
      poseUncertainty: { yaw: 5, pitch: 5, roll: 2 },
    },
    landmarks: [
      { type: 'mpeg4', code: MPEG4_EYE_CENTRE.subjectRight, x: 12, y: 19, z: 0 },
      { type: 'mpeg4', code: MPEG4_EYE_CENTRE.subjectLeft, x: 20, y: 19, z: 0 },
    ],
    image: {
      faceImageType: 'token-frontal',
      dataType,
      width: 32,
      height: 43,
      spatialSamplingRateLevel: 0,
      postAcquisitionProcessing: 0,
      crossReference: 0,
      colourSpace: 'rgb24',
    },
    imageData,
  }
}

/** ISO/IEC 19794-5:2011 face records from the project's writer: JPEG, PNG, JPEG 2000, two views. */
export function faceRecords(): Uint8Array[] {
  const frame = smallFrame(32, 43)
  const jpeg = representation(encodeJpeg(frame, 75), 'jpeg')
  const png = representation(encodePng(frame), 'png')
  const j2k = representation(Uint8Array.of(0xff, 0x4f, 0xff, 0x51, 0, 0x2f), 'jpeg2000-lossless')
  return [
    buildFaceRecord(jpeg),
    buildFaceRecord(png),
    buildFaceRecord([jpeg, { ...j2k, quality: [], landmarks: [] }], 100),
  ]
}

/** Small images in each format decodeImage reads: JPEG at two qualities, PNG. */
export function faceImages(): Uint8Array[] {
  const frame = smallFrame(24, 32)
  return [encodeJpeg(frame, 90), encodeJpeg(frame, 30), encodePng(frame)]
}
