/**
 * The matcher's oriented ridge filter, in two 1-D passes instead of one 2-D Gabor kernel per pixel.
 * A Gabor kernel exp(−along²/2σl² − across²/2σa²)·cos(2π·across/T) is the product of a Gaussian
 * along the ridge and a 1-D Gabor across it, so it factors: first smooth each pixel along its own
 * ridge direction, then filter that across the ridges with the period's 1-D Gabor. Where the ridge
 * direction turns slowly (it is interpolated between block centres) the two passes give what the
 * full kernel gives, with 2·(2R+1) samples instead of (2R+1)². Samples fall between pixels: along
 * the ridge (where the image hardly changes) each is rounded to its nearest pixel; across it (where
 * the phase matters) each is spread bilinearly onto its four pixels when the tap tables are built,
 * so the passes themselves are plain sparse dot products over a padded image. Only the sign of the response is used
 * (binarisation), so the across taps are made zero-mean and no gain normalisation is needed.
 */

export interface RidgeFilterOptions {
  orientations: number
  periods: readonly number[]
  /** Samples each side of the centre, along and across. */
  radius: number
  /** Gaussian spread across the ridges, as a fraction of the period. */
  sigmaAcross: number
  /** Gaussian spread along the ridges, in pixels. */
  sigmaAlong: number
}

/** Tap table of one padded row stride: kernel i uses taps starts[i] … starts[i+1]−1. */
interface Taps {
  starts: Int32Array
  offsets: Int32Array
  weights: Float32Array
}

export interface RidgeFilter {
  options: RidgeFilterOptions
  /** Padding of the image on every side, pixels (radius plus one for the bilinear spread). */
  pad: number
  /** Per stride: along taps (one kernel per orientation bin), across taps (period·orientations + o). */
  tapsFor(stride: number): { along: Taps; across: Taps }
}

interface Sample {
  x: number
  y: number
  w: number
}

/** Spreads sub-pixel samples onto the pixel grid of a padded image with row stride `stride`. */
function spread(samples: readonly Sample[], stride: number, nearest = false): Map<number, number> {
  const taps = new Map<number, number>()
  const add = (x: number, y: number, w: number) => {
    if (w === 0) return
    const offset = y * stride + x
    taps.set(offset, (taps.get(offset) ?? 0) + w)
  }
  for (const s of samples) {
    if (nearest) {
      add(Math.round(s.x), Math.round(s.y), s.w)
      continue
    }
    const x0 = Math.floor(s.x)
    const y0 = Math.floor(s.y)
    const fx = s.x - x0
    const fy = s.y - y0
    add(x0, y0, s.w * (1 - fx) * (1 - fy))
    add(x0 + 1, y0, s.w * fx * (1 - fy))
    add(x0, y0 + 1, s.w * (1 - fx) * fy)
    add(x0 + 1, y0 + 1, s.w * fx * fy)
  }
  return taps
}

function tableOf(kernels: readonly Map<number, number>[]): Taps {
  const starts = new Int32Array(kernels.length + 1)
  const offsets: number[] = []
  const weights: number[] = []
  kernels.forEach((k, i) => {
    starts[i] = weights.length
    let peak = 0
    for (const w of k.values()) peak = Math.max(peak, Math.abs(w))
    for (const [offset, w] of k) {
      if (Math.abs(w) < peak * 1e-3) continue
      offsets.push(offset)
      weights.push(w)
    }
  })
  starts[kernels.length] = weights.length
  return { starts, offsets: Int32Array.from(offsets), weights: Float32Array.from(weights) }
}

/** Gaussian samples along direction θ (the ridge). */
function alongSamples(o: RidgeFilterOptions, theta: number): Sample[] {
  const out: Sample[] = []
  for (let k = -o.radius; k <= o.radius; k++) {
    const w = Math.exp(-(k * k) / (2 * o.sigmaAlong * o.sigmaAlong))
    out.push({ x: k * Math.cos(theta), y: k * Math.sin(theta), w })
  }
  return out
}

/** Zero-mean 1-D Gabor samples across direction θ for ridge period `period`. */
function acrossSamples(o: RidgeFilterOptions, theta: number, period: number): Sample[] {
  const sigma = o.sigmaAcross * period
  const envelope: number[] = []
  const wave: number[] = []
  for (let k = -o.radius; k <= o.radius; k++) {
    const e = Math.exp(-(k * k) / (2 * sigma * sigma))
    envelope.push(e)
    wave.push(e * Math.cos((2 * Math.PI * k) / period))
  }
  // Remove the DC in proportion to the envelope, so flat grey gives no response.
  const dc = wave.reduce((s, w) => s + w, 0) / envelope.reduce((s, e) => s + e, 0)
  return wave.map((w, n) => {
    const k = n - o.radius
    return { x: -k * Math.sin(theta), y: k * Math.cos(theta), w: w - dc * (envelope[n] as number) }
  })
}

export function createRidgeFilter(options: RidgeFilterOptions): RidgeFilter {
  const byStride = new Map<number, { along: Taps; across: Taps }>()
  const angle = (bin: number) => (bin * Math.PI) / options.orientations
  return {
    options,
    pad: options.radius + 1,
    tapsFor(stride) {
      const hit = byStride.get(stride)
      if (hit) return hit
      const along: Map<number, number>[] = []
      for (let b = 0; b < options.orientations; b++)
        along.push(spread(alongSamples(options, angle(b)), stride, true))
      const across: Map<number, number>[] = []
      for (const period of options.periods)
        for (let b = 0; b < options.orientations; b++)
          across.push(spread(acrossSamples(options, angle(b), period), stride))
      const taps = { along: tableOf(along), across: tableOf(across) }
      byStride.set(stride, taps)
      return taps
    },
  }
}

/** Per row, the columns [from, to) within `reach` pixels (Chebyshev) of a set pixel of `mask`. */
function rowSpans(mask: Uint8Array, width: number, height: number, reach: number) {
  const first = new Int32Array(height).fill(width)
  const last = new Int32Array(height).fill(-1)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue
      if (first[y] === width) first[y] = x
      last[y] = x
    }
  }
  const from = new Int32Array(height).fill(width)
  const to = new Int32Array(height)
  for (let y = 0; y < height; y++) {
    for (let v = Math.max(0, y - reach); v <= Math.min(height - 1, y + reach); v++) {
      if ((last[v] as number) < 0) continue
      from[y] = Math.min(from[y] as number, Math.max(0, (first[v] as number) - reach))
      to[y] = Math.max(to[y] as number, Math.min(width, (last[v] as number) + reach + 1))
    }
  }
  return { from, to }
}

/**
 * One pass: out at p = kernel kernelIndex[p] % modulo of `taps` applied to `image` around p (padded
 * indices), over the row spans and, if given, the mask.
 */
function pass(
  taps: Taps,
  image: Float32Array,
  out: Float32Array,
  geometry: { width: number; height: number; pad: number; from: Int32Array; to: Int32Array },
  kernel: { index: Uint16Array; modulo: number },
  mask: Uint8Array | null,
): void {
  const { starts, offsets, weights } = taps
  const { width, height, pad, from, to } = geometry
  const { index, modulo } = kernel
  const pw = width + 2 * pad
  for (let y = 0; y < height; y++) {
    const end = to[y] as number
    for (let x = from[y] as number; x < end; x++) {
      const p = y * width + x
      if (mask && mask[p] === 0) continue
      const base = (y + pad) * pw + x + pad
      const k = (index[p] as number) % modulo
      const stop = starts[k + 1] as number
      let sum = 0
      for (let j = starts[k] as number; j < stop; j++)
        sum += (weights[j] as number) * (image[base + (offsets[j] as number)] as number)
      out[base] = sum
    }
  }
}

/**
 * Ridge response of `src` (width×height, ridge-positive): `kernelIndex` per pixel is
 * period bin · orientations + orientation bin. Pixels where `mask` is 0 are left at 0; the along
 * pass runs on the mask and the pixels within reach of it, so the across pass finds smoothed
 * neighbours outside the mask too.
 */
export function filterRidges(
  filter: RidgeFilter,
  src: Float32Array,
  width: number,
  height: number,
  kernelIndex: Uint16Array,
  mask: Uint8Array,
): Float32Array {
  const { pad } = filter
  const orientations = filter.options.orientations
  const pw = width + 2 * pad
  const padded = new Float32Array(pw * (height + 2 * pad))
  for (let y = 0; y < height; y++)
    padded.set(src.subarray(y * width, (y + 1) * width), (y + pad) * pw + pad)
  const { along, across } = filter.tapsFor(pw)
  const spans = rowSpans(mask, width, height, pad)
  const geometry = { width, height, pad, ...spans }
  const smoothed = new Float32Array(padded.length)
  pass(along, padded, smoothed, geometry, { index: kernelIndex, modulo: orientations }, null)
  const response = new Float32Array(padded.length)
  const kernels = filter.options.periods.length * orientations
  pass(across, smoothed, response, geometry, { index: kernelIndex, modulo: kernels }, mask)
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++)
    out.set(response.subarray((y + pad) * pw + pad, (y + pad) * pw + pad + width), y * width)
  return out
}
