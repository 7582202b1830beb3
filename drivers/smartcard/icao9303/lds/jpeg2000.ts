import { PNG } from 'pngjs'
import {
  decodeJpeg2000 as decodeSamples,
  Jpeg2000DecodeError,
  PORTRAIT_DECODE_BUDGET,
} from '../../../../lib/jpeg2000'

export interface DecodedImage {
  width: number
  height: number
  /** 8-bit RGBA, row by row. */
  rgba: Uint8Array
}

/**
 * Decodes a JPEG 2000 portrait (JP2 file or bare codestream) to 8-bit RGBA. Its header is held to
 * the portrait decode budget before anything is decoded, and the decoder runs in lib/jpeg2000's
 * worker with capped memory. Throws ParseError (a Jpeg2000DecodeError) only.
 */
export async function decodeJpeg2000(bytes: Uint8Array): Promise<DecodedImage> {
  const { width, height, componentCount, bitsPerSample, samples } = await decodeSamples(bytes, {
    budget: PORTRAIT_DECODE_BUDGET,
  })
  // Grey, RGB or RGBA; two components (grey with alpha) would need a channel definition.
  if (componentCount === 2) throw new Jpeg2000DecodeError('unsupported', '2 components')
  return { width, height, rgba: toRgba(samples, width * height, componentCount, bitsPerSample) }
}

/** Decodes a JPEG 2000 image and re-encodes it as PNG, which every browser can show. */
export async function jpeg2000ToPng(bytes: Uint8Array): Promise<Uint8Array> {
  const { width, height, rgba } = await decodeJpeg2000(bytes)
  const png = new PNG({ width, height })
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength)
  return new Uint8Array(PNG.sync.write(png))
}

/** Interleaved samples (8-bit, or 16-bit little-endian above 8 bits) to 8-bit RGBA. */
function toRgba(samples: Uint8Array, pixels: number, components: number, bits: number): Uint8Array {
  const wide = bits > 8
  const shift = wide ? bits - 8 : 0
  const sample = (i: number): number =>
    wide
      ? (((samples[2 * i] ?? 0) | ((samples[2 * i + 1] ?? 0) << 8)) >> shift) & 0xff
      : (samples[i] ?? 0)
  const out = new Uint8Array(pixels * 4)
  for (let p = 0; p < pixels; p++) {
    const base = p * components
    const r = sample(base)
    out[4 * p] = r
    out[4 * p + 1] = components >= 3 ? sample(base + 1) : r
    out[4 * p + 2] = components >= 3 ? sample(base + 2) : r
    out[4 * p + 3] = components === 4 ? sample(base + 3) : 255
  }
  return out
}
