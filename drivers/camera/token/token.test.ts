import { describe, expect, it } from 'vitest'
import { decodeImage } from '../image/codec'
import type { EyeCentres, Point, RgbaFrame } from '../types'
import { encodeToken } from './encode-token'
import { TokenError } from './errors'
import { tokenEyeCentres, tokenHeight } from './geometry'
import { makeTokenImage, TOKEN_FILL_GREY } from './make-token'

/** A light source frame with two dark discs of radius 6 as the "eyes". */
function syntheticFace(width: number, height: number, eyes: EyeCentres): RgbaFrame {
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inEye = [eyes.imageLeft, eyes.imageRight].some(
        ([ex, ey]) => Math.hypot(x - ex, y - ey) <= 6,
      )
      const o = (y * width + x) * 4
      const v = inEye ? 10 : 180 + ((x + y) % 40)
      data[o] = v
      data[o + 1] = v
      data[o + 2] = inEye ? 10 : 150
      data[o + 3] = 255
    }
  }
  return { width, height, data }
}

/** Two eyes at distance `ied` about `centre`, the eye line rotated by `degrees`. */
function rotatedEyes(centre: Point, ied: number, degrees: number): EyeCentres {
  const a = (degrees * Math.PI) / 180
  const dx = (Math.cos(a) * ied) / 2
  const dy = (Math.sin(a) * ied) / 2
  return {
    imageLeft: [centre[0] - dx, centre[1] - dy],
    imageRight: [centre[0] + dx, centre[1] + dy],
  }
}

/** Centroid of the dark pixels (red below 80) in each half of the image. */
function measureEyes(frame: RgbaFrame): EyeCentres {
  const sums: [number, number, number][] = [
    [0, 0, 0],
    [0, 0, 0],
  ]
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const value = frame.data[(y * frame.width + x) * 4] ?? 255
      if (value >= 80) continue
      const side = sums[x < frame.width / 2 ? 0 : 1]!
      // Weighted by darkness, so edge pixels that bilinear sampling half-darkened count half.
      const w = (80 - value) / 80
      side[0] += x * w
      side[1] += y * w
      side[2] += w
    }
  }
  const centroid = ([sx, sy, n]: [number, number, number]): Point => [sx / n, sy / n]
  return { imageLeft: centroid(sums[0]!), imageRight: centroid(sums[1]!) }
}

function expectEyesAt(measured: EyeCentres, expected: EyeCentres, tolerance: number): void {
  for (const side of ['imageLeft', 'imageRight'] as const) {
    expect(Math.abs(measured[side][0] - expected[side][0])).toBeLessThan(tolerance)
    expect(Math.abs(measured[side][1] - expected[side][1])).toBeLessThan(tolerance)
  }
  expect(Math.abs(measured.imageLeft[1] - measured.imageRight[1])).toBeLessThan(1)
}

describe('token frontal image', () => {
  const eyes = rotatedEyes([330, 210], 90, 12)
  const source = syntheticFace(640, 480, eyes)

  it('puts the eyes at the token geometry with a level eye line', () => {
    const token = makeTokenImage(source, eyes)
    expect([token.frame.width, token.frame.height]).toEqual([480, 640])
    expect(token.eyes).toEqual({ imageLeft: [180, 288], imageRight: [300, 288] })
    expectEyesAt(measureEyes(token.frame), token.eyes, 1.5)
  })

  it('keeps them there through JPEG and lossless JPEG 2000', async () => {
    const token = makeTokenImage(source, eyes)
    const jpeg = await decodeImage(await encodeToken(token, { format: 'jpeg', jpegQuality: 85 }))
    expectEyesAt(measureEyes(jpeg), token.eyes, 1.5)
    const j2k = await encodeToken(token, { format: 'jpeg2000' })
    expect([...j2k.subarray(0, 4)]).toEqual([0xff, 0x4f, 0xff, 0x51])
    const decoded = await decodeImage(j2k)
    expect([...decoded.data]).toEqual([...token.frame.data])
  })

  it('scales to other widths and levels a roll the other way', () => {
    const token = makeTokenImage(source, eyes, { width: 300 })
    expect([token.frame.width, token.frame.height]).toEqual([300, tokenHeight(300)])
    expectEyesAt(measureEyes(token.frame), tokenEyeCentres(300), 1.5)
    const otherRoll = rotatedEyes([320, 240], 80, -7)
    const other = makeTokenImage(syntheticFace(640, 480, otherRoll), otherRoll, { width: 240 })
    expectEyesAt(measureEyes(other.frame), tokenEyeCentres(240), 1.5)
  })

  it('fills what lies outside the source with the neutral grey', () => {
    const nearCorner = rotatedEyes([40, 30], 60, 0)
    const token = makeTokenImage(syntheticFace(640, 480, nearCorner), nearCorner)
    expect([...token.frame.data.subarray(0, 4)]).toEqual([
      TOKEN_FILL_GREY,
      TOKEN_FILL_GREY,
      TOKEN_FILL_GREY,
      255,
    ])
  })

  it('makes a 480×640 token from a 640×480 frame well under 50 ms', () => {
    makeTokenImage(source, eyes)
    const runs = 10
    const started = performance.now()
    for (let i = 0; i < runs; i++) makeTokenImage(source, eyes)
    const perToken = (performance.now() - started) / runs
    expect(perToken).toBeLessThan(50)
  })

  it('refuses widths, eyes and frames it cannot use', () => {
    const code = (f: () => unknown): string => {
      try {
        f()
        return 'made'
      } catch (error) {
        expect(error).toBeInstanceOf(TokenError)
        return (error as TokenError).code
      }
    }
    expect(code(() => makeTokenImage(source, eyes, { width: 239 }))).toBe('E_TOKEN_WIDTH')
    expect(code(() => makeTokenImage(source, eyes, { width: 480.5 }))).toBe('E_TOKEN_WIDTH')
    const same: EyeCentres = { imageLeft: [10, 10], imageRight: [10.5, 10] }
    expect(code(() => makeTokenImage(source, same))).toBe('E_TOKEN_EYES')
    const nan: EyeCentres = { imageLeft: [Number.NaN, 10], imageRight: [50, 10] }
    expect(code(() => makeTokenImage(source, nan))).toBe('E_TOKEN_EYES')
    const broken = { width: 640, height: 480, data: new Uint8Array(10) }
    expect(code(() => makeTokenImage(broken, eyes))).toBe('E_TOKEN_FRAME')
  })
})
