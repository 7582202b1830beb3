/**
 * ISO/IEC 19794-4:2011 finger image record ("FIR\0", version "020\0"), big-endian throughout.
 * Layout as in the research note §4.1 (fields as MOSIP bio-utils reads them):
 *   general header (16): format ID, version, record length(4), representation count(2),
 *     certification flag(1), distinct finger positions(1)
 *   per representation: length(4), capture date-time(9), device technology(1), vendor(2), type(2),
 *     quality blocks (count(1) + 5 each), [certification blocks (count(1) + 3 each) if flagged],
 *     position(1), representation number(1), scale units(1), capture sampling rate H, V(2+2),
 *     image sampling rate H, V(2+2), bit depth(1), compression(1), impression type(1),
 *     line lengths H, V(2+2), image data length(4), image data, then any extended data.
 */
export const FIR_FORMAT_ID = 'FIR\0'
export const FIR_VERSION_2011 = '020\0'

export const FINGER_IMAGE_COMPRESSION = {
  none: 0,
  noneBitPacked: 1,
  wsq: 2,
  jpeg: 3,
  jpeg2000Lossy: 4,
  jpeg2000Lossless: 5,
  png: 6,
} as const

export const IMPRESSION_TYPE = {
  liveScanPlain: 0,
  liveScanRolled: 1,
  nonLiveScanPlain: 2,
  nonLiveScanRolled: 3,
  swipe: 8,
  unknown: 29,
} as const

export const SCALE_UNITS = { ppi: 1, ppcm: 2 } as const

/** Fields of the 9-byte capture date-time (UTC); 0xFF… in every field means "not given". */
export interface CaptureDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  millisecond: number
}

export interface QualityBlock {
  /** 0 … 100, or 255 when the algorithm failed. */
  score: number
  /** IBIA-registered vendor of the quality algorithm. */
  vendorId: number
  algorithmId: number
}

export interface CertificationBlock {
  authorityId: number
  schemeId: number
}

export interface FingerRepresentation {
  captureDateTime: CaptureDateTime
  deviceTechnology: number
  deviceVendorId: number
  deviceTypeId: number
  quality: QualityBlock[]
  /** Written only when the record's certification flag is set. */
  certifications: CertificationBlock[]
  /** ISO finger position (1 right thumb … 10 left little; 0 unknown). */
  position: number
  representationNumber: number
  scaleUnits: number
  captureResolution: { horizontal: number; vertical: number }
  imageResolution: { horizontal: number; vertical: number }
  bitDepth: number
  compression: number
  impressionType: number
  width: number
  height: number
  imageData: Uint8Array
  /** Bytes after the image data inside the representation (extended data blocks), kept verbatim. */
  extendedData: Uint8Array
}

export interface FingerImageRecord {
  certificationFlag: boolean
  representations: FingerRepresentation[]
}

/** Format ID, version, record length, representation count, certification flag, positions. */
export const GENERAL_HEADER_LENGTH = 16

export function captureDateTimeOf(date: Date): CaptureDateTime {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  }
}
