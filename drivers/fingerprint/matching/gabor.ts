/**
 * Oriented Gabor filtering with a precomputed kernel bank. The synthetic generator grows ridges with
 * it (SFinGe-style) and the matcher enhances captured images with it before binarising, so both sides
 * agree on what a ridge of a given orientation and period looks like.
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
        k[i] = k[i]! - mean
        l1 += Math.abs(k[i]!)
      }
      for (let i = 0; i < k.length; i++) k[i] = k[i]! / l1
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
    if (Math.abs(bank.periods[i]! - period) < Math.abs(bank.periods[best]! - period)) best = i
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
  const size = 2 * r + 1
  const pw = width + 2 * r
  const padded = new Float32Array(pw * (height + 2 * r))
  for (let y = 0; y < height; y++)
    padded.set(src.subarray(y * width, (y + 1) * width), (y + r) * pw + r)
  const offsets = new Int32Array(size * size)
  for (let ky = 0; ky < size; ky++)
    for (let kx = 0; kx < size; kx++) offsets[ky * size + kx] = ky * pw + kx
  const out = new Float32Array(width * height)
  const taps = size * size
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x
      if (mask && mask[p] === 0) continue
      const k = bank.kernels[kernelIndex[p]!]!
      const base = y * pw + x
      let sum = 0
      for (let j = 0; j < taps; j++) sum += k[j]! * padded[base + offsets[j]!]!
      out[p] = sum
    }
  }
  return out
}
