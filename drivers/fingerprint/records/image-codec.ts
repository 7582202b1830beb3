import { PNG } from 'pngjs'
import type { FingerImage } from '../finger-image'
import { RecordParseError } from './errors'
import { FINGER_IMAGE_COMPRESSION } from './iso19794-4'
import { wrapJp2, unwrapJp2 } from './jp2'
import { decodeJ2k, encodeJ2kLossless } from './openjpeg'

/** The lossless encodings we write: uncompressed, PNG (code 6), JPEG 2000 lossless in JP2 (code 5). */
export type FingerImageEncoding = 'none' | 'png' | 'jpeg2000-lossless'

export const COMPRESSION_CODE: Record<FingerImageEncoding, number> = {
  none: FINGER_IMAGE_COMPRESSION.none,
  png: FINGER_IMAGE_COMPRESSION.png,
  'jpeg2000-lossless': FINGER_IMAGE_COMPRESSION.jpeg2000Lossless,
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
        await encodeJ2kLossless(image.pixels, image.width, image.height),
        image.width,
        image.height,
      )
  }
}

/**
 * Decodes the image data of a representation to 8-bit grey pixels. Throws RecordParseError when the
 * data is corrupt or its size disagrees with the record; WSQ and lossy JPEG are not decoded here.
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
    case FINGER_IMAGE_COMPRESSION.jpeg2000Lossy: {
      const codestream = unwrapJp2(data)
      let decoded
      try {
        decoded = await decodeJ2k(codestream)
      } catch (e) {
        throw new RecordParseError(
          'jp2',
          `codestream does not decode: ${e instanceof Error ? e.message : String(e)}`,
        )
      }
      if (
        decoded.width !== width ||
        decoded.height !== height ||
        decoded.componentCount !== 1 ||
        decoded.bitsPerSample !== 8
      ) {
        throw new RecordParseError(
          'jp2',
          `image is ${decoded.width}×${decoded.height}×${decoded.componentCount} at ${decoded.bitsPerSample} bits, record says ${width}×${height} grey 8-bit`,
        )
      }
      if (compression === FINGER_IMAGE_COMPRESSION.jpeg2000Lossless && !decoded.reversible) {
        throw new RecordParseError(
          'jp2',
          'marked lossless but the codestream uses the irreversible transform',
        )
      }
      return decoded.pixels
    }
    default:
      throw new RecordParseError(
        'iso19794-4',
        `compression ${compression} is not decoded by the kiosk`,
      )
  }
}
