import { PNG } from 'pngjs'
import { ParseError } from '../../../../lib/parse-error'
import type { OpenJpegModule } from '@cornerstonejs/codec-openjpeg/decodewasmjs'

/** Larger portraits than this are refused before decoding (an ICAO portrait is well under 1 MP). */
const MAX_PIXELS = 16 * 1024 * 1024

let decoderModule: Promise<OpenJpegModule> | undefined

/** OpenJPEG compiled to WebAssembly, loaded once on first use; its log lines are dropped. */
function openJpeg(): Promise<OpenJpegModule> {
  decoderModule ??= import('@cornerstonejs/codec-openjpeg/decodewasmjs').then((m) =>
    m.default({ print: () => undefined, printErr: () => undefined }),
  )
  return decoderModule
}

export interface DecodedImage {
  width: number
  height: number
  /** 8-bit RGBA, row by row. */
  rgba: Uint8Array
}

/** Decodes a JPEG 2000 image (JP2 file or bare codestream) to 8-bit RGBA. */
export async function decodeJpeg2000(bytes: Uint8Array): Promise<DecodedImage> {
  const size = jpeg2000Size(bytes)
  if (!size) throw new ParseError('jpeg2000', 'no JPEG 2000 codestream header (SIZ)')
  if (size.width * size.height > MAX_PIXELS) {
    throw new ParseError('jpeg2000', `image of ${size.width}×${size.height} is too large`)
  }
  const module = await openJpeg()
  const decoder = new module.J2KDecoder()
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes)
    decoder.decode()
    const {
      width,
      height,
      componentCount: components,
      bitsPerSample: bits,
    } = decoder.getFrameInfo()
    if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) {
      throw new ParseError('jpeg2000', 'JPEG 2000 data could not be decoded')
    }
    if (![1, 3, 4].includes(components) || bits < 1 || bits > 16) {
      throw new ParseError(
        'jpeg2000',
        `unsupported layout: ${components} components of ${bits} bits`,
      )
    }
    return {
      width,
      height,
      rgba: toRgba(decoder.getDecodedBuffer(), width * height, components, bits),
    }
  } catch (error) {
    if (error instanceof ParseError) throw error
    // An abort inside the WebAssembly module leaves it unusable: load a fresh one next time.
    decoderModule = undefined
    throw new ParseError('jpeg2000', 'JPEG 2000 data could not be decoded')
  } finally {
    decoder.delete()
  }
}

/** Image size from the SIZ marker of the codestream (bare, or inside the JP2 'jp2c' box). */
export function jpeg2000Size(bytes: Uint8Array): { width: number; height: number } | null {
  const stream = codestream(bytes)
  // FF4F (SOC), FF51 (SIZ), Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz.
  if (!stream || stream.length < 24 || stream[2] !== 0xff || stream[3] !== 0x51) return null
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength)
  const width = view.getUint32(8) - view.getUint32(16)
  const height = view.getUint32(12) - view.getUint32(20)
  return width > 0 && height > 0 ? { width, height } : null
}

function codestream(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] === 0xff && bytes[1] === 0x4f) return bytes
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 0
  while (at + 8 <= bytes.length) {
    let length = view.getUint32(at)
    let header = 8
    if (length === 1) {
      if (at + 16 > bytes.length) return null
      length = Number(view.getBigUint64(at + 8))
      header = 16
    } else if (length === 0) {
      length = bytes.length - at
    }
    if (length < header || at + length > bytes.length) return null
    if (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) === 'jp2c') {
      return bytes.subarray(at + header, at + length)
    }
    at += length
  }
  return null
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
