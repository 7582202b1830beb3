/**
 * ISO/IEC 19794-5:2011 face image record ("FAC\0", version "030\0"), big-endian throughout, as
 * MOSIP bio-utils writes it (GeneralHeader, RepresentationHeader, FacialInformation,
 * LandmarkPoints, ImageInformation, ImageData):
 *   general header (17): format id(4), version(4), record length(4), representation count(2),
 *     certification flag(1), temporal semantics(2)
 *   per representation: length(4), capture date-time(9), capture device technology(1), device
 *     vendor(2), device type(2), quality block count(1) + 5 each (score, vendor, algorithm),
 *     facial information(17), landmark points(8 each), image information(11), image data
 *     length(4), image data.
 * Enumerated codes follow JMRTD's 2005 tables where 2011 kept them (research note portrait.md §3).
 */
export const FACE_FORMAT_ID = 'FAC\0'
export const FACE_VERSION_2011 = '030\0'
export const GENERAL_HEADER_LENGTH = 17
export const FACIAL_INFORMATION_LENGTH = 17
export const LANDMARK_POINT_LENGTH = 8
export const IMAGE_INFORMATION_LENGTH = 11
export const QUALITY_BLOCK_LENGTH = 5
/** Length field, date-time, device technology, vendor, type, quality block count. */
export const REPRESENTATION_FIXED_LENGTH = 4 + 9 + 1 + 2 + 2 + 1

/** Bounds the reader holds a record to (a kiosk portrait has one representation, a few points). */
export const FACE_RECORD_LIMITS = { representations: 16, landmarks: 128 } as const

export const CAPTURE_DEVICE_TECHNOLOGY = {
  unspecified: 0,
  'static-photo-unknown': 1,
  'digital-still': 2,
  scanner: 3,
  'video-unknown': 4,
  'analogue-video': 5,
  'digital-video': 6,
} as const
export const GENDER = { unspecified: 0, male: 1, female: 2, unknown: 0xff } as const
export const EYE_COLOUR = {
  unspecified: 0,
  black: 1,
  blue: 2,
  brown: 3,
  grey: 4,
  green: 5,
  'multi-coloured': 6,
  pink: 7,
  unknown: 0xff,
} as const
export const HAIR_COLOUR = {
  unspecified: 0,
  bald: 1,
  black: 2,
  blonde: 3,
  brown: 4,
  grey: 5,
  white: 6,
  red: 7,
  green: 8,
  blue: 9,
  unknown: 0xff,
} as const
export const EXPRESSION = {
  unspecified: 0,
  neutral: 1,
  'smile-closed': 2,
  'smile-open': 3,
  'raised-eyebrows': 4,
  'eyes-looking-away': 5,
  squinting: 6,
  frowning: 7,
} as const
/** Property mask bits (3 bytes), the 2005 feature mask as JMRTD defines it. */
export const FACE_PROPERTY = {
  specified: 0x01,
  glasses: 0x02,
  moustache: 0x04,
  beard: 0x08,
  'teeth-visible': 0x10,
  blink: 0x20,
  'mouth-open': 0x40,
  'left-eye-patch': 0x80,
  'right-eye-patch': 0x100,
  'dark-glasses': 0x200,
  'distorting-medical-condition': 0x400,
} as const
export const LANDMARK_TYPE = { mpeg4: 1, 'anthropometric-2d': 2, 'anthropometric-3d': 3 } as const
/** 3D face image types (0x80–0x82) are not read or written: the kiosk makes 2D portraits. */
export const FACE_IMAGE_TYPE = {
  basic: 0,
  'full-frontal': 1,
  'token-frontal': 2,
  'post-processed-frontal': 3,
} as const
export const IMAGE_DATA_TYPE = {
  jpeg: 0,
  'jpeg2000-lossy': 1,
  'jpeg2000-lossless': 2,
  png: 3,
} as const
export const COLOUR_SPACE = {
  unspecified: 0,
  rgb24: 1,
  yuv422: 2,
  grey8: 3,
  rgb48: 4,
  grey16: 5,
  other: 6,
} as const

/**
 * MPEG-4 feature point codes (ISO/IEC 14496-2 Annex C, as 19794-5 uses them): major << 4 | minor.
 * 12.1 is the subject's left eye centre (which appears on the image right), 12.2 the subject's
 * right eye centre (image left). UNCONFIRMED against the licensed 19794-5 text: no stored source
 * lists group 12; the left/right sense follows MPEG-4, whose points are named from the subject.
 */
export const MPEG4_EYE_CENTRE = { subjectLeft: 0xc1, subjectRight: 0xc2 } as const

export type CaptureDeviceTechnology = keyof typeof CAPTURE_DEVICE_TECHNOLOGY
export type Gender = keyof typeof GENDER
export type EyeColour = keyof typeof EYE_COLOUR
export type HairColour = keyof typeof HAIR_COLOUR
export type Expression = keyof typeof EXPRESSION
export type FaceProperty = keyof typeof FACE_PROPERTY
export type LandmarkType = keyof typeof LANDMARK_TYPE
export type FaceImageType = keyof typeof FACE_IMAGE_TYPE
export type ImageDataType = keyof typeof IMAGE_DATA_TYPE
export type ColourSpace = keyof typeof COLOUR_SPACE

export interface FaceQualityBlock {
  /** 0 … 100, or 255 when the algorithm failed. */
  score: number
  /** IBIA-registered vendor of the quality algorithm. */
  vendorId: number
  algorithmId: number
}

/** Angles in degrees; null = not given. */
export interface PoseAngles {
  yaw: number | null
  pitch: number | null
  roll: number | null
}

export interface FacialInformation {
  gender: Gender
  eyeColour: EyeColour
  hairColour: HairColour
  /** Subject height code (u8); 0 = unspecified. */
  subjectHeight: number
  properties: readonly FaceProperty[]
  expression: Expression
  /** −180 … 180, stored in 2-degree steps (pose-angle.ts). */
  pose: PoseAngles
  /** 0 … 180. */
  poseUncertainty: PoseAngles
}

export interface LandmarkPoint {
  type: LandmarkType
  /** For MPEG-4 points, major << 4 | minor (MPEG4_EYE_CENTRE). */
  code: number
  x: number
  y: number
  z: number
}

export interface FaceImageInformation {
  faceImageType: FaceImageType
  dataType: ImageDataType
  width: number
  height: number
  /** 0 (under 180 px across the head) … 7 (750 and over): Table 18 of 19794-5:2011 per MOSIP. */
  spatialSamplingRateLevel: number
  /** Post-acquisition processing mask (u16). */
  postAcquisitionProcessing: number
  crossReference: number
  colourSpace: ColourSpace
}

/** One face representation: what buildFaceRecord takes and readFaceRecord gives back. */
export interface FaceRecordInput {
  /** Written as the 9-byte date-time in UTC. */
  capturedAt: Date
  captureDeviceTechnology: CaptureDeviceTechnology
  deviceVendorId: number
  deviceTypeId: number
  quality: readonly FaceQualityBlock[]
  facial: FacialInformation
  landmarks: readonly LandmarkPoint[]
  image: FaceImageInformation
  imageData: Uint8Array
}

export type FaceRepresentation = FaceRecordInput

export interface FaceRecord {
  /** 0 for a single representation; otherwise milliseconds between frames (u16). */
  temporalSemantics: number
  representations: readonly FaceRepresentation[]
}

/** Name of a code in a table, or undefined. */
export function nameOf<T extends Record<string, number>>(
  table: T,
  code: number,
): keyof T | undefined {
  return (Object.keys(table) as (keyof T)[]).find((name) => table[name] === code)
}
