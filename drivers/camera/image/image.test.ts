import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { encodeJpeg2000LosslessRgb } from '../../../lib/jpeg2000'
import type { RgbaFrame } from '../types'
import { decodeImage, encodeJpeg, encodePng, MAX_IMAGE_SIDE } from './codec'
import { ImageError, type ImageErrorCode } from './errors'
import { readJpegQuality } from './jpeg-quality'
import { readImageDimensions, sniffImageFormat } from './sniff'

/** A smooth colour gradient with some texture, so JPEG tables matter. */
function gradient(width: number, height: number): RgbaFrame {
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      data[o] = (x * 255) / width
      data[o + 1] = (y * 255) / height
      data[o + 2] = ((x ^ y) & 0x1f) * 8
      data[o + 3] = 255
    }
  }
  return { width, height, data }
}

async function codeOf(promise: Promise<unknown>): Promise<ImageErrorCode | 'resolved'> {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError)
    return (error as ImageError).code
  }
}

describe('decodeImage', () => {
  const frame = gradient(64, 48)

  it('decodes PNG exactly and JPEG closely', async () => {
    const png = await decodeImage(encodePng(frame))
    expect([png.width, png.height]).toEqual([64, 48])
    expect([...png.data]).toEqual([...frame.data])
    const jpeg = await decodeImage(encodeJpeg(frame, 95))
    expect([jpeg.width, jpeg.height]).toEqual([64, 48])
    let error = 0
    for (let i = 0; i < frame.data.length; i++)
      error += Math.abs((jpeg.data[i] ?? 0) - (frame.data[i] ?? 0))
    expect(error / frame.data.length).toBeLessThan(6)
  })

  it('decodes a lossless RGB JPEG 2000 codestream exactly', async () => {
    const rgb = new Uint8Array(64 * 48 * 3)
    for (let p = 0; p < 64 * 48; p++) rgb.set(frame.data.subarray(p * 4, p * 4 + 3), p * 3)
    const codestream = await encodeJpeg2000LosslessRgb(rgb, 64, 48)
    expect(sniffImageFormat(codestream)).toBe('jpeg2000')
    const decoded = await decodeImage(codestream)
    expect([...decoded.data]).toEqual([...frame.data])
  })

  it('refuses unknown, truncated and corrupt bytes with a code', async () => {
    expect(await codeOf(decodeImage(new Uint8Array(0)))).toBe('E_IMAGE_FORMAT')
    expect(await codeOf(decodeImage(Uint8Array.of(1, 2, 3, 4)))).toBe('E_IMAGE_FORMAT')
    const jpeg = encodeJpeg(frame, 80)
    expect(await codeOf(decodeImage(jpeg.subarray(0, 40)))).toBe('E_IMAGE_CORRUPT')
    expect(await codeOf(decodeImage(jpeg.subarray(0, jpeg.length / 2)))).toBe('E_IMAGE_CORRUPT')
    const png = encodePng(frame)
    expect(await codeOf(decodeImage(png.subarray(0, png.length - 20)))).toBe('E_IMAGE_CORRUPT')
    const badCrc = png.slice()
    badCrc[40] = (badCrc[40] ?? 0) ^ 0xff
    expect(await codeOf(decodeImage(badCrc))).toBe('E_IMAGE_CORRUPT')
    expect(await codeOf(decodeImage(Uint8Array.of(0xff, 0x4f, 0xff, 0x51, 0, 1)))).toBe(
      'E_IMAGE_CORRUPT',
    )
  })

  it('refuses images over the side cap from their header, before decoding', async () => {
    const png = new PNG({ width: 1, height: 1 })
    png.data = Buffer.from([0, 0, 0, 255])
    const bytes = new Uint8Array(PNG.sync.write(png))
    new DataView(bytes.buffer).setUint32(16, MAX_IMAGE_SIDE + 1) // IHDR width (CRC now wrong)
    expect(await codeOf(decodeImage(bytes))).toBe('E_IMAGE_TOO_LARGE')
    const jpeg = encodeJpeg(gradient(16, 16), 80)
    const big = jpeg.slice()
    // Find SOF0 and claim 60000 rows.
    const sof = big.findIndex((b, i) => b === 0xff && big[i + 1] === 0xc0)
    new DataView(big.buffer).setUint16(sof + 5, 60000)
    expect(readImageDimensions(big, 'jpeg')).toEqual({ width: 16, height: 60000 })
    expect(await codeOf(decodeImage(big))).toBe('E_IMAGE_TOO_LARGE')
  })

  it('refuses frames that cannot be encoded', () => {
    expect(() => encodeJpeg({ width: 2, height: 2, data: new Uint8Array(3) }, 80)).toThrow(
      ImageError,
    )
    expect(() => encodeJpeg(gradient(4, 4), 0)).toThrow(ImageError)
    expect(() => encodePng({ width: 0, height: 2, data: new Uint8Array(0) })).toThrow(ImageError)
  })
})

describe('readJpegQuality', () => {
  const frame = gradient(32, 32)

  it.each([10, 25, 50, 75, 85, 90, 95])('finds quality %i within ±2', (quality) => {
    const estimate = readJpegQuality(encodeJpeg(frame, quality))
    expect(estimate).not.toBeNull()
    expect(Math.abs((estimate ?? 0) - quality)).toBeLessThanOrEqual(2)
  })

  it('gives null without a DQT, for other formats and for a cut file', () => {
    expect(readJpegQuality(encodePng(frame))).toBeNull()
    expect(readJpegQuality(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toBeNull()
    const jpeg = encodeJpeg(frame, 50)
    const dqt = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xdb)
    expect(readJpegQuality(jpeg.subarray(0, dqt + 10))).toBeNull()
  })
})
