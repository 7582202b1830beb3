import { findCodestream, readCodestreamHeader } from '../../../lib/jpeg2000'
import { ImageError } from './errors'

export type ImageFormat = 'jpeg' | 'png' | 'jpeg2000'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const
const JP2_SIGNATURE = [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a] as const
const J2K_START = [0xff, 0x4f, 0xff, 0x51] as const

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)
}

/** The format the first bytes announce, or null. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png'
  if (startsWith(bytes, JP2_SIGNATURE) || startsWith(bytes, J2K_START)) return 'jpeg2000'
  return null
}

/** SOF markers that carry frame dimensions (every SOFn but DHT C4, JPG C8 and DAC CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
}

/** Walks the JPEG marker segments up to the first start-of-frame and reads its size. */
function jpegDimensions(bytes: Uint8Array): { width: number; height: number } {
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) throw corrupt('jpeg', `no marker at offset ${at}`)
    const marker = bytes[at + 1] ?? 0
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    if (marker === 0xd9 || marker === 0xda) break // EOI or SOS before any frame header
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)
    if (length < 2) throw corrupt('jpeg', `segment of length ${length}`)
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) break
      const height = ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0)
      const width = ((bytes[at + 7] ?? 0) << 8) | (bytes[at + 8] ?? 0)
      return { width, height }
    }
    at += 2 + length
  }
  throw corrupt('jpeg', 'no frame header')
}

function pngDimensions(bytes: Uint8Array): { width: number; height: number } {
  // Signature (8), IHDR length (4) and type (4), then width and height (4 each).
  const type = String.fromCharCode(...bytes.subarray(12, 16))
  if (bytes.length < 24 || type !== 'IHDR') throw corrupt('png', 'no IHDR chunk')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

function jpeg2000Dimensions(bytes: Uint8Array): { width: number; height: number } {
  try {
    const header = readCodestreamHeader(findCodestream(bytes))
    return { width: header.width, height: header.height }
  } catch (error) {
    throw corrupt('jpeg2000', error instanceof Error ? error.message : String(error))
  }
}

/** The dimensions the header declares, read without decoding. Throws ImageError only. */
export function readImageDimensions(
  bytes: Uint8Array,
  format: ImageFormat,
): { width: number; height: number } {
  switch (format) {
    case 'jpeg':
      return jpegDimensions(bytes)
    case 'png':
      return pngDimensions(bytes)
    case 'jpeg2000':
      return jpeg2000Dimensions(bytes)
  }
}

function corrupt(format: ImageFormat, detail: string): ImageError {
  return new ImageError('E_IMAGE_CORRUPT', { format }, detail)
}
