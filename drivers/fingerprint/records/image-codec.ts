import { PNG } from 'pngjs'
import {
  decodeJpeg2000,
  encodeJpeg2000Lossless,
  FINGERPRINT_DECODE_BUDGET,
  Jpeg2000DecodeError,
} from '../../../lib/jpeg2000'
import type { FingerImage } from '../finger-image'
import { decodeWsq, encodeWsq, WsqError } from '../wsq'
import { RecordParseError } from './errors'
import { FINGER_IMAGE_COMPRESSION } from './iso19794-4'
import { wrapJp2 } from './jp2'

/**
 * The encodings we write: uncompressed, PNG (code 6), JPEG 2000 lossless in JP2 (code 5), and the
 * lossy WSQ at 0.75 bpp (code 2, ISO/IEC 19794-4:2011 table 7) for AFIS back ends that ask for it.
 */
export type FingerImageEncoding = 'none' | 'png' | 'jpeg2000-lossless' | 'wsq'

export const COMPRESSION_CODE: Record<FingerImageEncoding, number> = {
  none: FINGER_IMAGE_COMPRESSION.none,
  png: FINGER_IMAGE_COMPRESSION.png,
  'jpeg2000-lossless': FINGER_IMAGE_COMPRESSION.jpeg2000Lossless,
  wsq: FINGER_IMAGE_COMPRESSION.wsq,
}

export async function encodeFingerImage(
  image: FingerImage,
  encoding: FingerImageEncoding,
): Promise<Uint8Array> {
  switch (encoding) {
    case 'none':
      return image.pixels.slice()
    case 'png': {
      const png = new PNG({
        width: image.width,
        height: image.height,
        colorType: 0,
        inputColorType: 0,
        inputHasAlpha: false,
        bitDepth: 8,
      })
      png.data = Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength)
      return new Uint8Array(
        PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 }),
      )
    }
    case 'jpeg2000-lossless':
      return wrapJp2(
        await encodeJpeg2000Lossless(image.pixels, image.width, image.height),
        image.width,
        image.height,
      )
    case 'wsq':
      return encodeWsq(image)
  }
}

/** A WSQ finger image, its size checked against the record's. */
function decodeWsqImage(data: Uint8Array, width: number, height: number): Uint8Array {
  let decoded
  try {
    decoded = decodeWsq(data)
  } catch (error) {
    if (error instanceof WsqError) throw new RecordParseError('wsq', error.message)
    throw error
  }
  if (decoded.width !== width || decoded.height !== height) {
    throw new RecordParseError(
      'wsq',
      `image is ${decoded.width}×${decoded.height}, record says ${width}×${height}`,
    )
  }
  return decoded.pixels
}

/**
 * A JPEG 2000 finger image (JP2 file or bare codestream), checked against the fingerprint decode
 * budget and the record's size before it is decoded, in the codec worker.
 */
async function decodeJp2(
  data: Uint8Array,
  lossless: boolean,
  width: number,
  height: number,
): Promise<Uint8Array> {
  let decoded
  try {
    decoded = await decodeJpeg2000(data, {
      budget: FINGERPRINT_DECODE_BUDGET,
      expectedSize: { width, height },
    })
  } catch (error) {
    if (error instanceof Jpeg2000DecodeError) throw new RecordParseError('jp2', error.message)
    throw error
  }
  if (decoded.componentCount !== 1 || decoded.bitsPerSample !== 8 || decoded.isSigned) {
    throw new RecordParseError(
      'jp2',
      `image has ${decoded.componentCount} components of ${decoded.bitsPerSample} bits, the record is grey 8-bit`,
    )
  }
  if (lossless && !decoded.reversible) {
    throw new RecordParseError(
      'jp2',
      'marked lossless but the codestream uses the irreversible transform',
    )
  }
  return decoded.samples
}

/**
 * Decodes the image data of a representation to 8-bit grey pixels. Throws RecordParseError when the
 * data is corrupt or its size disagrees with the record; lossy JPEG is not decoded here.
 */
export async function decodeFingerImage(
  data: Uint8Array,
  compression: number,
  width: number,
  height: number,
): Promise<Uint8Array> {
  switch (compression) {
    case FINGER_IMAGE_COMPRESSION.none:
      if (data.length !== width * height) {
        throw new RecordParseError('iso19794-4', `${data.length} raw bytes for ${width}×${height}`)
      }
      return data.slice()
    case FINGER_IMAGE_COMPRESSION.png: {
      let png: PNG
      try {
        png = PNG.sync.read(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      } catch (e) {
        throw new RecordParseError('png', e instanceof Error ? e.message : String(e))
      }
      if (png.width !== width || png.height !== height) {
        throw new RecordParseError(
          'png',
          `image is ${png.width}×${png.height}, record says ${width}×${height}`,
        )
      }
      // pngjs always decodes to RGBA; a grey image has R = G = B.
      const out = new Uint8Array(width * height)
      for (let i = 0; i < out.length; i++) out[i] = png.data[i * 4] ?? 0
      return out
    }
    case FINGER_IMAGE_COMPRESSION.jpeg2000Lossless:
    case FINGER_IMAGE_COMPRESSION.jpeg2000Lossy:
      return decodeJp2(
        data,
        compression === FINGER_IMAGE_COMPRESSION.jpeg2000Lossless,
        width,
        height,
      )
    case FINGER_IMAGE_COMPRESSION.wsq:
      return decodeWsqImage(data, width, height)
    default:
      throw new RecordParseError(
        'iso19794-4',
        `compression ${compression} is not decoded by the kiosk`,
      )
  }
}
