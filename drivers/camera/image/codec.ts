import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { decodeJpeg2000, PORTRAIT_DECODE_BUDGET } from '../../../lib/jpeg2000'
import type { RgbaFrame } from '../types'
import { ImageError } from './errors'
import { readImageDimensions, sniffImageFormat, type ImageFormat } from './sniff'

/**
 * The largest side decodeImage accepts: a 4K webcam frame or a scanned portrait fits, a header
 * claiming 65535×65535 (16 GB of RGBA) is refused before any pixel is allocated.
 */
export const MAX_IMAGE_SIDE = 4096
/** jpeg-js's own caps, a second line behind the header check: 4096² is 16.8 MP, 64 MB of RGBA. */
const JPEG_LIMITS = { maxResolutionInMP: 17, maxMemoryUsageInMB: 128 } as const

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function decodeJpeg(bytes: Uint8Array): RgbaFrame {
  // Not tolerant (jpeg-js's default is): a truncated or damaged portrait is refused, not padded.
  const options = { useTArray: true, formatAsRGBA: true, tolerantDecoding: false } as const
  const image = jpeg.decode(bytes, { ...options, ...JPEG_LIMITS })
  return { width: image.width, height: image.height, data: image.data }
}

function decodePng(bytes: Uint8Array): RgbaFrame {
  const png = PNG.sync.read(asBuffer(bytes))
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) }
}

/** Interleaved JPEG 2000 samples (grey, RGB or RGBA; 16-bit little-endian above 8 bits) to RGBA. */
async function decodeJp2(bytes: Uint8Array): Promise<RgbaFrame> {
  const image = await decodeJpeg2000(bytes, { budget: PORTRAIT_DECODE_BUDGET })
  const { width, height, componentCount: components, bitsPerSample: bits, samples } = image
  if (components === 2) throw new Error('grey with alpha (2 components) is not decoded')
  const shift = bits > 8 ? bits - 8 : 0
  const sample = (i: number): number =>
    bits > 8
      ? (((samples[2 * i] ?? 0) | ((samples[2 * i + 1] ?? 0) << 8)) >> shift) & 0xff
      : (samples[i] ?? 0)
  const data = new Uint8Array(width * height * 4)
  for (let p = 0; p < width * height; p++) {
    const base = p * components
    const grey = sample(base)
    data[4 * p] = grey
    data[4 * p + 1] = components >= 3 ? sample(base + 1) : grey
    data[4 * p + 2] = components >= 3 ? sample(base + 2) : grey
    data[4 * p + 3] = components === 4 ? sample(base + 3) : 255
  }
  return { width, height, data }
}

function decodeBy(format: ImageFormat, bytes: Uint8Array): RgbaFrame | Promise<RgbaFrame> {
  switch (format) {
    case 'jpeg':
      return decodeJpeg(bytes)
    case 'png':
      return decodePng(bytes)
    case 'jpeg2000':
      return decodeJp2(bytes)
  }
}

/**
 * Decodes untrusted JPEG, PNG or JPEG 2000 bytes (JP2 file or bare codestream) to RGBA. The header
 * dimensions are read and held to MAX_IMAGE_SIDE first; the decoders run only within that.
 * Throws ImageError only (E_IMAGE_FORMAT, E_IMAGE_CORRUPT, E_IMAGE_TOO_LARGE).
 */
export async function decodeImage(bytes: Uint8Array): Promise<RgbaFrame> {
  const format = sniffImageFormat(bytes)
  if (!format) throw new ImageError('E_IMAGE_FORMAT', {}, `${bytes.length} bytes of no known image`)
  const { width, height } = readImageDimensions(bytes, format)
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new ImageError('E_IMAGE_TOO_LARGE', { width, height, maxSide: MAX_IMAGE_SIDE })
  }
  let frame: RgbaFrame
  try {
    frame = await decodeBy(format, bytes)
  } catch (error) {
    throw new ImageError('E_IMAGE_CORRUPT', { format }, detailOf(error))
  }
  if (frame.width < 1 || frame.height < 1 || frame.data.length !== frame.width * frame.height * 4) {
    throw new ImageError('E_IMAGE_CORRUPT', { format }, `decoded ${frame.width}×${frame.height}`)
  }
  if (frame.width !== width || frame.height !== height) {
    throw new ImageError(
      'E_IMAGE_CORRUPT',
      { format },
      `decoded ${frame.width}×${frame.height}, the header says ${width}×${height}`,
    )
  }
  return frame
}

function checkFrame(frame: RgbaFrame, format: string): void {
  const { width, height, data } = frame
  const sane = Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0
  if (!sane || width > 0xffff || height > 0xffff || data.length !== width * height * 4) {
    throw new ImageError('E_IMAGE_ENCODE', { format }, `frame of ${width}×${height}`)
  }
}

/** Baseline JPEG of an RGBA frame (alpha dropped); quality 1–100, as libjpeg scales it. */
export function encodeJpeg(frame: RgbaFrame, quality: number): Uint8Array {
  checkFrame(frame, 'JPEG')
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new ImageError('E_IMAGE_ENCODE', { format: 'JPEG' }, `quality ${quality}`)
  }
  const data = asBuffer(new Uint8Array(frame.data.buffer, frame.data.byteOffset, frame.data.length))
  const out = jpeg.encode({ width: frame.width, height: frame.height, data }, quality)
  return new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength)
}

/** Lossless 8-bit RGBA PNG of a frame. */
export function encodePng(frame: RgbaFrame): Uint8Array {
  checkFrame(frame, 'PNG')
  const png = new PNG({ width: frame.width, height: frame.height })
  png.data = Buffer.from(frame.data)
  return new Uint8Array(PNG.sync.write(png))
}
