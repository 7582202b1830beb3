/**
 * Oriented Gabor filtering with a precomputed kernel bank. The synthetic generator grows ridges with
 * it (SFinGe-style) and the matcher enhances captured images with it before binarising, so both sides
 * agree on what a ridge of a given orientation and period looks like.
 *
 * Hot loops here and in the other pixel loops of the fingerprint stack index typed arrays with
 * `as number`: the indices are in bounds by construction, and the `?? 0` fallback costs a branch per
 * tap that made filtering several times slower.
 */

export interface GaborBank {
  /** Number of orientation bins over [0, π). */
  orientations: number
  /** Ridge periods (pixels) of the period bins. */
  periods: readonly number[]
  radius: number
  /** kernels[periodBin * orientations + orientationBin], (2·radius+1)² taps each. */
  kernels: readonly Float32Array[]
}

export interface GaborBankOptions {
  orientations?: number
  periods?: readonly number[]
  radius?: number
  /** Gaussian spread across the ridges, as a fraction of the period. */
  sigmaAcross?: number
  /** Gaussian spread along the ridges, in pixels. */
  sigmaAlong?: number
}

export function createGaborBank(options: GaborBankOptions = {}): GaborBank {
  const orientations = options.orientations ?? 16
  const periods = options.periods ?? [6, 7, 8, 9, 10, 11, 12, 13, 14]
  const radius = options.radius ?? 6
  const sigmaAcrossFraction = options.sigmaAcross ?? 0.36
  const sigmaAlong = options.sigmaAlong ?? 3.6
  const size = 2 * radius + 1
  const kernels: Float32Array[] = []
  for (const period of periods) {
    const sigmaAcross = sigmaAcrossFraction * period
    for (let o = 0; o < orientations; o++) {
      const theta = (o * Math.PI) / orientations
      const dx = Math.cos(theta)
      const dy = Math.sin(theta)
      const k = new Float32Array(size * size)
      let mean = 0
      for (let y = -radius; y <= radius; y++) {
        for (let x = -radius; x <= radius; x++) {
          const along = x * dx + y * dy
          const across = -x * dy + y * dx
          const v =
            Math.exp(
              -(across * across) / (2 * sigmaAcross * sigmaAcross) -
                (along * along) / (2 * sigmaAlong * sigmaAlong),
            ) * Math.cos((2 * Math.PI * across) / period)
          k[(y + radius) * size + x + radius] = v
          mean += v
        }
      }
      // Zero DC so flat areas give zero response; unit L1 so every bin has the same gain.
      mean /= k.length
      let l1 = 0
      for (let i = 0; i < k.length; i++) {
        k[i] = (k[i] as number) - mean
        l1 += Math.abs(k[i] as number)
      }
      for (let i = 0; i < k.length; i++) k[i] = (k[i] as number) / l1
      kernels.push(k)
    }
  }
  return { orientations, periods, radius, kernels }
}

/** Orientation bin of a ridge direction angle (radians, any range). */
export function orientationBin(bank: GaborBank, theta: number): number {
  const t = ((theta % Math.PI) + Math.PI) % Math.PI
  return Math.round((t / Math.PI) * bank.orientations) % bank.orientations
}

/** Period bin of a ridge period in pixels (nearest bin, clamped). */
export function periodBin(bank: GaborBank, period: number): number {
  let best = 0
  for (let i = 1; i < bank.periods.length; i++) {
    if (
      Math.abs((bank.periods[i] as number) - period) <
      Math.abs((bank.periods[best] as number) - period)
    )
      best = i
  }
  return best
}

/**
 * Filters `src` (width×height) pixel by pixel with the kernel chosen by `kernelIndex` (one entry per
 * pixel, an index into bank.kernels). Pixels where `mask` is 0 are left at 0 in the output.
 */
export function orientedFilter(
  bank: GaborBank,
  src: Float32Array,
  width: number,
  height: number,
  kernelIndex: Uint16Array,
  mask?: Uint8Array,
): Float32Array {
  const r = bank.radius
  const pw = width + 2 * r
  const padded = new Float32Array(pw * (height + 2 * r))
  for (let y = 0; y < height; y++)
    padded.set(src.subarray(y * width, (y + 1) * width), (y + r) * pw + r)
  const { starts, offsets, weights } = sparseTaps(bank, pw)
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x
      if (mask && mask[p] === 0) continue
      const k = kernelIndex[p] as number
      const end = starts[k + 1] as number
      const base = y * pw + x
      let sum = 0
      for (let j = starts[k] as number; j < end; j++) {
        sum += (weights[j] as number) * (padded[base + (offsets[j] as number)] as number)
      }
      out[p] = sum
    }
  }
  return out
}

interface SparseTaps {
  /** Kernel i uses taps starts[i] … starts[i+1]−1. */
  starts: Int32Array
  offsets: Int32Array
  weights: Float32Array
}

const sparseCache = new WeakMap<GaborBank, Map<number, SparseTaps>>()

/** All kernels flattened, without their negligible corner taps, for a padded row stride. */
function sparseTaps(bank: GaborBank, stride: number): SparseTaps {
  let byStride = sparseCache.get(bank)
  if (!byStride) {
    byStride = new Map()
    sparseCache.set(bank, byStride)
  }
  const cached = byStride.get(stride)
  if (cached) return cached
  const size = 2 * bank.radius + 1
  const offsets: number[] = []
  const weights: number[] = []
  const starts = new Int32Array(bank.kernels.length + 1)
  bank.kernels.forEach((k, i) => {
    starts[i] = weights.length
    let peak = 0
    for (const v of k) peak = Math.max(peak, Math.abs(v))
    for (let ky = 0; ky < size; ky++) {
      for (let kx = 0; kx < size; kx++) {
        const w = k[ky * size + kx] as number
        if (Math.abs(w) < peak * 0.01) continue
        offsets.push(ky * stride + kx)
        weights.push(w)
      }
    }
  })
  starts[bank.kernels.length] = weights.length
  const taps = { starts, offsets: Int32Array.from(offsets), weights: Float32Array.from(weights) }
  byStride.set(stride, taps)
  return taps
}
