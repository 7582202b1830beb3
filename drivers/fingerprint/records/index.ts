export {
  buildCbeffXml,
  CBEFF_FINGER_SUBTYPE,
  CBEFF_NAMESPACE,
  FINGER_IMAGE_FORMAT,
  parseCbeffXml,
  type CbeffBuildContext,
  type CbeffFingerEntry,
  type CbeffQuality,
  type ParsedCbeffEntry,
} from './cbeff'
export { RecordParseError } from './errors'
export {
  buildFingerImageRecord,
  NFIQ2_QUALITY_IDS,
  readFingerImageRecord,
  type DecodedFingerRepresentation,
  type FingerCapture,
  type FingerRecordOptions,
} from './finger-record'
export {
  COMPRESSION_CODE,
  decodeFingerImage,
  encodeFingerImage,
  type FingerImageEncoding,
} from './image-codec'
export {
  captureDateTimeOf,
  FINGER_IMAGE_COMPRESSION,
  FIR_FORMAT_ID,
  FIR_VERSION_2011,
  IMPRESSION_TYPE,
  parseFingerImageRecord,
  SCALE_UNITS,
  writeFingerImageRecord,
  type CaptureDateTime,
  type CertificationBlock,
  type FingerImageRecord,
  type FingerRepresentation,
  type QualityBlock,
} from './iso19794-4'
export { unwrapJp2, wrapJp2 } from './jp2'
