import { encodeJpeg2000LosslessRgb, Jpeg2000EncodeError } from '../../../lib/jpeg2000'
import { encodeJpeg } from '../image/codec'
import { ImageError } from '../image/errors'
import type { TokenImage } from './make-token'

export type TokenEncoding = 'jpeg' | 'jpeg2000'

/** Quality of the token JPEG when none is given: high enough that the face match is unaffected. */
export const DEFAULT_TOKEN_JPEG_QUALITY = 90

/**
 * The token image as bytes: a baseline JPEG (jpeg-js) or a lossless JPEG 2000 codestream
 * (OpenJPEG in lib/jpeg2000's worker; a bare codestream, FF 4F FF 51). Throws ImageError only.
 */
export async function encodeToken(
  token: TokenImage,
  options: { format: TokenEncoding; jpegQuality?: number },
): Promise<Uint8Array> {
  if (options.format === 'jpeg') {
    return encodeJpeg(token.frame, options.jpegQuality ?? DEFAULT_TOKEN_JPEG_QUALITY)
  }
  const { width, height, data } = token.frame
  if (data.length !== width * height * 4) {
    throw new ImageError('E_IMAGE_ENCODE', { format: 'JPEG 2000' }, `frame of ${width}×${height}`)
  }
  const rgb = new Uint8Array(width * height * 3)
  for (let p = 0, q = 0; p < data.length; p += 4, q += 3) {
    rgb[q] = data[p] ?? 0
    rgb[q + 1] = data[p + 1] ?? 0
    rgb[q + 2] = data[p + 2] ?? 0
  }
  try {
    return await encodeJpeg2000LosslessRgb(rgb, width, height)
  } catch (error) {
    if (!(error instanceof Jpeg2000EncodeError)) throw error
    throw new ImageError('E_IMAGE_ENCODE', { format: 'JPEG 2000' }, error.detail)
  }
}
