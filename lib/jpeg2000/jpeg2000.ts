import { sharedJpeg2000Codec, type Jpeg2000Codec } from './codec'
import type { DecodedSamples } from './codec-protocol'
import { findCodestream, readCodestreamHeader } from './codestream'
import {
  checkDecodeBudget,
  FINGERPRINT_DECODE_BUDGET,
  PORTRAIT_DECODE_BUDGET,
  type DecodeBudget,
} from './decode-budget'
import { Jpeg2000DecodeError, Jpeg2000EncodeError } from './errors'

export interface DecodeOptions {
  budget: DecodeBudget
  /** The size the container (a finger record, DG2) declares; another size is refused unread. */
  expectedSize?: { width: number; height: number }
  /** Default: the codec the process shares. */
  codec?: Jpeg2000Codec
}

/**
 * Decodes untrusted JPEG 2000 data (a JP2 file or a bare codestream). The header is read and held
 * against the budget first; only a codestream within it goes to the decoder, which runs in a
 * worker with capped memory. Throws Jpeg2000DecodeError (a ParseError) only.
 */
export async function decodeJpeg2000(
  data: Uint8Array,
  options: DecodeOptions,
): Promise<DecodedSamples> {
  const codestream = findCodestream(data)
  const header = readCodestreamHeader(codestream)
  checkDecodeBudget(header, options.budget)
  const expected = options.expectedSize
  if (expected && (header.width !== expected.width || header.height !== expected.height)) {
    throw new Jpeg2000DecodeError(
      'mismatch',
      `image is ${header.width}×${header.height}, its container says ${expected.width}×${expected.height}`,
    )
  }
  const image = await (options.codec ?? sharedJpeg2000Codec()).decode(codestream)
  // OpenJPEG reports some failures only as an empty frame: hold the result to the header.
  const components = header.components.length
  const bits = header.components[0]?.precision ?? 0
  const bytes = header.width * header.height * components * (bits > 8 ? 2 : 1)
  if (
    image.width !== header.width ||
    image.height !== header.height ||
    image.componentCount !== components ||
    image.bitsPerSample !== bits ||
    image.samples.length !== bytes
  ) {
    throw new Jpeg2000DecodeError(
      'undecodable',
      `decoded ${image.width}×${image.height}×${image.componentCount} at ${image.bitsPerSample} bits, the header says ${header.width}×${header.height}×${components} at ${bits}`,
    )
  }
  return image
}

/**
 * Encodes 8-bit grey pixels as a lossless JPEG 2000 codestream (5/3 wavelet). Images up to the
 * size a fingerprint budget decodes; throws Jpeg2000EncodeError only.
 */
export async function encodeJpeg2000Lossless(
  pixels: Uint8Array,
  width: number,
  height: number,
  codec: Jpeg2000Codec = sharedJpeg2000Codec(),
): Promise<Uint8Array> {
  const budget = FINGERPRINT_DECODE_BUDGET
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Jpeg2000EncodeError('bad-input', `image of ${width}×${height}`)
  }
  if (width > budget.maxWidth || height > budget.maxHeight || width * height > budget.maxPixels) {
    throw new Jpeg2000EncodeError(
      'bad-input',
      `image of ${width}×${height} is larger than any finger image`,
    )
  }
  if (pixels.length !== width * height) {
    throw new Jpeg2000EncodeError(
      'bad-input',
      `${pixels.length} bytes for ${width}×${height} grey pixels`,
    )
  }
  return codec.encodeGreyLossless(pixels, width, height)
}

/**
 * Encodes 8-bit interleaved RGB pixels (a portrait) as a lossless JPEG 2000 codestream (5/3
 * wavelet, reversible colour transform). Images up to the size the portrait budget decodes;
 * throws Jpeg2000EncodeError only.
 */
export async function encodeJpeg2000LosslessRgb(
  pixels: Uint8Array,
  width: number,
  height: number,
  codec: Jpeg2000Codec = sharedJpeg2000Codec(),
): Promise<Uint8Array> {
  const budget = PORTRAIT_DECODE_BUDGET
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Jpeg2000EncodeError('bad-input', `image of ${width}×${height}`)
  }
  if (width > budget.maxWidth || height > budget.maxHeight || width * height > budget.maxPixels) {
    throw new Jpeg2000EncodeError(
      'bad-input',
      `image of ${width}×${height} is larger than a portrait`,
    )
  }
  if (pixels.length !== width * height * 3) {
    throw new Jpeg2000EncodeError(
      'bad-input',
      `${pixels.length} bytes for ${width}×${height} RGB pixels`,
    )
  }
  return codec.encodeRgbLossless(pixels, width, height)
}
