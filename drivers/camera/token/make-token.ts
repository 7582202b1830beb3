import type { EyeCentres, RgbaFrame } from '../types'
import { TokenError } from './errors'
import {
  DEFAULT_TOKEN_WIDTH,
  MAX_TOKEN_WIDTH,
  TOKEN_GEOMETRY,
  tokenEyeCentres,
  tokenHeight,
} from './geometry'

/**
 * Fill for token pixels that fall outside the source frame. A light neutral grey: ICAO portraits
 * want a plain light background, so the fill reads as background to the background-uniformity and
 * exposure checks, where black or white corners would read as shadow or over-exposure.
 */
export const TOKEN_FILL_GREY = 204

export interface TokenImage {
  frame: RgbaFrame
  /** Where the eye centres are in the token image. */
  eyes: EyeCentres
}

function checkInputs(frame: RgbaFrame, eyes: EyeCentres, width: number): void {
  if (!Number.isInteger(width) || width < TOKEN_GEOMETRY.minWidth || width > MAX_TOKEN_WIDTH) {
    const params = { width, minWidth: TOKEN_GEOMETRY.minWidth, maxWidth: MAX_TOKEN_WIDTH }
    throw new TokenError('E_TOKEN_WIDTH', params)
  }
  const { width: w, height: h, data } = frame
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1 || data.length !== w * h * 4) {
    throw new TokenError('E_TOKEN_FRAME', { width: w, height: h }, `${data.length} bytes`)
  }
  const coordinates = [...eyes.imageLeft, ...eyes.imageRight]
  const distance = Math.hypot(
    eyes.imageRight[0] - eyes.imageLeft[0],
    eyes.imageRight[1] - eyes.imageLeft[1],
  )
  if (!coordinates.every(Number.isFinite) || distance < 1) {
    throw new TokenError('E_TOKEN_EYES', {}, `eyes ${JSON.stringify(eyes)}`)
  }
}

/** Bilinear sample of the source at (sx, sy) into out[o…o+3]; the fill outside the frame. */
function sampleInto(source: RgbaFrame, sx: number, sy: number, out: Uint8Array, o: number): void {
  const { width, height, data } = source
  if (sx < -0.5 || sy < -0.5 || sx > width - 0.5 || sy > height - 0.5) {
    out[o] = out[o + 1] = out[o + 2] = TOKEN_FILL_GREY
    out[o + 3] = 255
    return
  }
  const x0 = Math.floor(sx)
  const y0 = Math.floor(sy)
  const fx = sx - x0
  const fy = sy - y0
  // Within half a pixel of the edge the edge pixel is repeated.
  const xa = Math.max(0, x0)
  const xb = Math.min(width - 1, x0 + 1)
  const ya = Math.max(0, y0)
  const yb = Math.min(height - 1, y0 + 1)
  const p00 = (ya * width + xa) * 4
  const p10 = (ya * width + xb) * 4
  const p01 = (yb * width + xa) * 4
  const p11 = (yb * width + xb) * 4
  const w00 = (1 - fx) * (1 - fy)
  const w10 = fx * (1 - fy)
  const w01 = (1 - fx) * fy
  const w11 = fx * fy
  for (let c = 0; c < 4; c++) {
    const v =
      (data[p00 + c] ?? 0) * w00 +
      (data[p10 + c] ?? 0) * w10 +
      (data[p01 + c] ?? 0) * w01 +
      (data[p11 + c] ?? 0) * w11
    out[o + c] = v + 0.5 // a Uint8Array store truncates: this rounds
  }
}

/**
 * Crops, rotates and scales a frame to the ISO/IEC 19794-5 token frontal geometry: one similarity
 * transform that levels the eye line (roll correction), scales the inter-eye distance to 0.25 W
 * and puts the eye midpoint at (W/2, 0.6 W). Pixel centres sit at integer coordinates in both
 * images. Pure: no I/O, the input is not changed. Throws TokenError only.
 */
export function makeTokenImage(
  frame: RgbaFrame,
  eyes: EyeCentres,
  options: { width?: number } = {},
): TokenImage {
  const width = options.width ?? DEFAULT_TOKEN_WIDTH
  checkInputs(frame, eyes, width)
  const height = tokenHeight(width)
  const target = tokenEyeCentres(width)
  const [lx, ly] = eyes.imageLeft
  const [rx, ry] = eyes.imageRight
  const sourceDistance = Math.hypot(rx - lx, ry - ly)
  const targetDistance = TOKEN_GEOMETRY.interEyeDistance * width
  // Token → source: rotate by the source eye-line angle and scale by source/target distance.
  const angle = Math.atan2(ry - ly, rx - lx)
  const k = sourceDistance / targetDistance
  const cos = Math.cos(angle) * k
  const sin = Math.sin(angle) * k
  const srcMidX = (lx + rx) / 2
  const srcMidY = (ly + ry) / 2
  const dstMidX = (target.imageLeft[0] + target.imageRight[0]) / 2
  const dstMidY = target.imageLeft[1]
  const out = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const dy = y - dstMidY
    // Source position of (0, y), then one step per token pixel to the right.
    let sx = srcMidX - dstMidX * cos - dy * sin
    let sy = srcMidY - dstMidX * sin + dy * cos
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      sampleInto(frame, sx, sy, out, o)
      sx += cos
      sy += sin
    }
  }
  return { frame: { width, height, data: out }, eyes: target }
}
