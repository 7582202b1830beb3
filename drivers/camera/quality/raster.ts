import type { Point, RgbaFrame } from '../types'

/** A mask over a frame: 1 inside, 0 outside. */
export interface Mask {
  readonly width: number
  readonly height: number
  readonly bits: Uint8Array
  /** Pixel index range [from, to) holding every set bit, so scans skip the rest of the frame. */
  readonly from: number
  readonly to: number
}

function withRange(width: number, height: number, bits: Uint8Array): Mask {
  const from = bits.indexOf(1)
  if (from < 0) return { width, height, bits, from: 0, to: 0 }
  return { width, height, bits, from, to: bits.lastIndexOf(1) + 1 }
}

/** Fills a polygon (even-odd rule, pixel centres) into a new mask. */
export function polygonMask(width: number, height: number, polygon: readonly Point[]): Mask {
  const bits = new Uint8Array(width * height)
  const crossings: number[] = []
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5
    crossings.length = 0
    for (let i = 0; i < polygon.length; i++) {
      const a = polygon[i] ?? [0, 0]
      const b = polygon[(i + 1) % polygon.length] ?? [0, 0]
      if (a[1] <= cy === b[1] <= cy) continue
      crossings.push(a[0] + ((cy - a[1]) / (b[1] - a[1])) * (b[0] - a[0]))
    }
    crossings.sort((p, q) => p - q)
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil((crossings[k] ?? 0) - 0.5))
      const to = Math.min(width - 1, Math.floor((crossings[k + 1] ?? 0) - 0.5))
      bits.fill(1, y * width + from, to >= from ? y * width + to + 1 : y * width + from)
    }
  }
  return withRange(width, height, bits)
}

/** A mask of an axis-aligned square centred on a point, clipped to the frame. */
export function squareMask(width: number, height: number, centre: Point, side: number): Mask {
  const half = side / 2
  return rectMask(width, height, centre[0] - half, centre[1] - half, side, side)
}

export function rectMask(
  width: number,
  height: number,
  x: number,
  y: number,
  w: number,
  h: number,
): Mask {
  const bits = new Uint8Array(width * height)
  const x0 = Math.max(0, Math.round(x))
  const x1 = Math.min(width, Math.round(x + w))
  const y0 = Math.max(0, Math.round(y))
  const y1 = Math.min(height, Math.round(y + h))
  for (let row = y0; row < y1; row++) if (x1 > x0) bits.fill(1, row * width + x0, row * width + x1)
  return withRange(width, height, bits)
}

export function countOf(mask: Mask): number {
  let n = 0
  for (let i = mask.from; i < mask.to; i++) n += mask.bits[i] ?? 0
  return n
}

/** sRGB 0–255 to linear 0–1 (IEC 61966-2-1), precomputed. */
const LINEAR = Float64Array.from({ length: 256 }, (_, v) => {
  const c = v / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
})

/**
 * Relative luminance per pixel, 0–255, from linearised sRGB (Y = 0.2126 R + 0.7152 G + 0.0722 B),
 * as OFIQ's `GetLuminanceImageFromBGR` computes it.
 */
export function luminanceOf(frame: RgbaFrame): Float32Array {
  const pixels = frame.width * frame.height
  const out = new Float32Array(pixels)
  const d = frame.data
  for (let i = 0; i < pixels; i++) {
    const o = i * 4
    out[i] =
      255 *
      (0.2126 * (LINEAR[d[o] ?? 0] ?? 0) +
        0.7152 * (LINEAR[d[o + 1] ?? 0] ?? 0) +
        0.0722 * (LINEAR[d[o + 2] ?? 0] ?? 0))
  }
  return out
}

/** 256-bin histogram of luminance over a mask, normalised to sum 1 (all zero for an empty mask). */
export function histogramOf(luminance: Float32Array, mask: Mask): Float64Array {
  const bins = new Float64Array(256)
  let n = 0
  for (let i = mask.from; i < mask.to; i++) {
    if (mask.bits[i] !== 1) continue
    const bin = Math.min(255, Math.max(0, Math.floor(luminance[i] ?? 0)))
    bins[bin] = (bins[bin] ?? 0) + 1
    n++
  }
  if (n > 0) for (let b = 0; b < 256; b++) bins[b] = (bins[b] ?? 0) / n
  return bins
}

/** CIELAB (D65) of one sRGB pixel. */
export function labOf(r: number, g: number, b: number): [number, number, number] {
  const lr = LINEAR[r] ?? 0
  const lg = LINEAR[g] ?? 0
  const lb = LINEAR[b] ?? 0
  const x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047
  const y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb
  const z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883
  const f = (t: number): number =>
    t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t) / 116 + 16 / 116
  const fx = f(x)
  const fy = f(y)
  const fz = f(z)
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)]
}

/** Mean CIELAB L*, a*, b* over the pixels of some masks; null when they hold none. */
export function meanLab(
  frame: RgbaFrame,
  masks: readonly Mask[],
): { l: number; a: number; b: number } | null {
  let sl = 0
  let sa = 0
  let sb = 0
  let n = 0
  const d = frame.data
  for (const mask of masks) {
    for (let i = mask.from; i < mask.to; i++) {
      if (mask.bits[i] !== 1) continue
      const [l, a, b] = labOf(d[i * 4] ?? 0, d[i * 4 + 1] ?? 0, d[i * 4 + 2] ?? 0)
      sl += l
      sa += a
      sb += b
      n++
    }
  }
  return n > 0 ? { l: sl / n, a: sa / n, b: sb / n } : null
}
