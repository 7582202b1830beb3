import { FINGER_POSITIONS, type FingerImage, type FingerName } from '../finger-image'
import type { SelectedQualityScore } from '../quality/score-source'
import { RecordParseError } from './errors'
import {
  COMPRESSION_CODE,
  decodeFingerImage,
  encodeFingerImage,
  type FingerImageEncoding,
} from './image-codec'
import {
  captureDateTimeOf,
  IMPRESSION_TYPE,
  parseFingerImageRecord,
  SCALE_UNITS,
  writeFingerImageRecord,
  type CertificationBlock,
  type FingerImageRecord,
  type QualityBlock,
} from './iso19794-4'

/**
 * Quality-block identifiers for a device's NFIQ 2 score: NIST's NFIQ 2 declares vendor 0x0101 and
 * algorithm 0x0039 (v2.3). MOSIP's tables know NIST as 0x000F, so the upstream may want another pair;
 * it is an option. The kiosk quality score never goes into an ISO quality block.
 */
export const NFIQ2_QUALITY_IDS = { vendorId: 0x0101, algorithmId: 0x0039 } as const

export interface FingerCapture {
  finger: FingerName
  image: FingerImage
  captureTime: Date
  quality?: SelectedQualityScore
  /** Default live-scan plain. */
  impressionType?: number
}

export interface FingerRecordOptions {
  /** Default 'jpeg2000-lossless' (what MOSIP requires for registration); 'wsq' for AFIS exports. */
  encoding?: FingerImageEncoding
  device?: { technology: number; vendorId: number; typeId: number }
  /** Native resolution of the scanner when it differs from the image's. */
  captureResolution?: number
  certifications?: CertificationBlock[]
  nfiq2Ids?: { vendorId: number; algorithmId: number }
}

/** Builds one ISO/IEC 19794-4:2011 record with one representation per capture. */
export async function buildFingerImageRecord(
  captures: readonly FingerCapture[],
  options: FingerRecordOptions = {},
): Promise<Uint8Array> {
  const encoding = options.encoding ?? 'jpeg2000-lossless'
  const nfiq2 = options.nfiq2Ids ?? NFIQ2_QUALITY_IDS
  const seen = new Map<number, number>()
  const representations = []
  for (const c of captures) {
    const position = FINGER_POSITIONS[c.finger]
    const number = seen.get(position) ?? 0
    seen.set(position, number + 1)
    const quality: QualityBlock[] =
      c.quality?.source === 'device-nfiq2' ? [{ score: c.quality.score, ...nfiq2 }] : []
    representations.push({
      captureDateTime: captureDateTimeOf(c.captureTime),
      deviceTechnology: options.device?.technology ?? 0,
      deviceVendorId: options.device?.vendorId ?? 0,
      deviceTypeId: options.device?.typeId ?? 0,
      quality,
      certifications: options.certifications ?? [],
      position,
      representationNumber: number,
      scaleUnits: SCALE_UNITS.ppi,
      captureResolution: {
        horizontal: options.captureResolution ?? c.image.ppi,
        vertical: options.captureResolution ?? c.image.ppi,
      },
      imageResolution: { horizontal: c.image.ppi, vertical: c.image.ppi },
      bitDepth: 8,
      compression: COMPRESSION_CODE[encoding],
      impressionType: c.impressionType ?? IMPRESSION_TYPE.liveScanPlain,
      width: c.image.width,
      height: c.image.height,
      imageData: await encodeFingerImage(c.image, encoding),
      extendedData: new Uint8Array(0),
    })
  }
  return writeFingerImageRecord({
    certificationFlag: (options.certifications?.length ?? 0) > 0,
    representations,
  })
}

export interface DecodedFingerRepresentation {
  /** Null when the position is not one of the ten fingers (0 unknown, slaps, palms). */
  finger: FingerName | null
  position: number
  image: FingerImage
  /** Device NFIQ 2 score when a quality block with the NFIQ 2 ids is present. */
  quality: QualityBlock[]
}

/** Parses a record and decodes every representation's image (PNG, JPEG 2000, WSQ, uncompressed). */
export async function readFingerImageRecord(
  bytes: Uint8Array,
): Promise<{ record: FingerImageRecord; images: DecodedFingerRepresentation[] }> {
  const record = parseFingerImageRecord(bytes)
  const images: DecodedFingerRepresentation[] = []
  for (const r of record.representations) {
    if (r.bitDepth !== 8)
      throw new RecordParseError('iso19794-4', `bit depth ${r.bitDepth}, the kiosk reads 8`)
    const ppi =
      r.scaleUnits === SCALE_UNITS.ppcm
        ? Math.round(r.imageResolution.horizontal * 2.54)
        : r.imageResolution.horizontal
    const pixels = await decodeFingerImage(r.imageData, r.compression, r.width, r.height)
    images.push({
      finger:
        (Object.keys(FINGER_POSITIONS) as FingerName[]).find(
          (f) => FINGER_POSITIONS[f] === r.position,
        ) ?? null,
      position: r.position,
      image: { width: r.width, height: r.height, ppi, pixels },
      quality: r.quality,
    })
  }
  return { record, images }
}
