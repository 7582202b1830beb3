export { Jpeg2000Codec, sharedJpeg2000Codec, type Jpeg2000CodecOptions } from './codec'
export type { DecodedSamples } from './codec-protocol'
export {
  findCodestream,
  readCodestreamHeader,
  type CodestreamHeader,
  type CodingStyle,
  type ComponentInfo,
} from './codestream'
export {
  checkDecodeBudget,
  decodeStructureOf,
  FINGERPRINT_DECODE_BUDGET,
  PORTRAIT_DECODE_BUDGET,
  type DecodeBudget,
  type DecodeStructure,
} from './decode-budget'
export {
  Jpeg2000DecodeError,
  Jpeg2000EncodeError,
  type Jpeg2000DecodeFailure,
  type Jpeg2000EncodeFailure,
} from './errors'
export {
  decodeJpeg2000,
  encodeJpeg2000Lossless,
  encodeJpeg2000LosslessRgb,
  type DecodeOptions,
} from './jpeg2000'
