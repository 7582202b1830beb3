import { MPEG4_EYE_CENTRE, type FaceRecordInput } from './format'

/** The smallest JPEG-looking image data: the magic and an end marker (the record never decodes it). */
export const TINY_JPEG = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0xff, 0xd9)

/** A token frontal representation as the kiosk writes it. */
export function sampleFaceInput(overrides: Partial<FaceRecordInput> = {}): FaceRecordInput {
  return {
    capturedAt: new Date(Date.UTC(2026, 2, 14, 9, 26, 53, 589)),
    captureDeviceTechnology: 'digital-video',
    deviceVendorId: 0,
    deviceTypeId: 0,
    quality: [{ score: 87, vendorId: 0x0102, algorithmId: 0x0304 }],
    facial: {
      gender: 'unspecified',
      eyeColour: 'unspecified',
      hairColour: 'unknown',
      subjectHeight: 0,
      properties: ['specified', 'glasses'],
      expression: 'neutral',
      pose: { yaw: -4, pitch: 2, roll: null },
      poseUncertainty: { yaw: 5, pitch: 5, roll: null },
    },
    landmarks: [
      { type: 'mpeg4', code: MPEG4_EYE_CENTRE.subjectRight, x: 180, y: 288, z: 0 },
      { type: 'mpeg4', code: MPEG4_EYE_CENTRE.subjectLeft, x: 300, y: 288, z: 0 },
    ],
    image: {
      faceImageType: 'token-frontal',
      dataType: 'jpeg',
      width: 480,
      height: 640,
      spatialSamplingRateLevel: 2,
      postAcquisitionProcessing: 0,
      crossReference: 0,
      colourSpace: 'rgb24',
    },
    imageData: TINY_JPEG,
    ...overrides,
  }
}
