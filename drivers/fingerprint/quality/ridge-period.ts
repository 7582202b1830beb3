import type { FingerImage } from '../finger-image'

/** The block grid the ridge period is estimated on (see BlockField). */
export interface BlockGrid {
  blockSize: number
  cols: number
  rows: number
}

const PROFILE_BINS = 48
const PERIOD_STEP = 0.75

/** cos and sin of each candidate period over the profile bins, row by row. */
interface SinusoidTables {
  periods: number[]
  cos: Float64Array
  sin: Float64Array
}

function sinusoidTables(minPeriod: number, maxPeriod: number): SinusoidTables {
  const periods: number[] = []
  for (let t = minPeriod; t <= maxPeriod + 1e-9; t += PERIOD_STEP) periods.push(t)
  const cos = new Float64Array(periods.length * PROFILE_BINS)
  const sin = new Float64Array(periods.length * PROFILE_BINS)
  periods.forEach((t, ci) => {
    for (let i = 0; i < PROFILE_BINS; i++) {
      cos[ci * PROFILE_BINS + i] = Math.cos((2 * Math.PI * i) / t)
      sin[ci * PROFILE_BINS + i] = Math.sin((2 * Math.PI * i) / t)
    }
  })
  return { periods, cos, sin }
}

/** Grey profile across the ridges around one block: sums and counts per bin, plus pixel moments. */
interface RidgeProfile {
  profile: Float64Array
  counts: Float64Array
  sum: number
  sumSq: number
  count: number
}

/**
 * Projects the pixels of a window twice the block size, centred on (cx, cy), onto the normal of
 * the ridges at angle `theta`. Fills `into` (reused between blocks to spare allocations).
 */
function sampleRidgeProfile(
  image: FingerImage,
  centre: { cx: number; cy: number; half: number },
  theta: number,
  into: RidgeProfile,
): RidgeProfile {
  const { width, height, pixels } = image
  const { cx, cy, half } = centre
  const nx = -Math.sin(theta)
  const ny = Math.cos(theta)
  const { profile, counts } = into
  profile.fill(0)
  counts.fill(0)
  let sum = 0
  let sumSq = 0
  let count = 0
  const xa = Math.max(0, Math.round(cx - half))
  const xb = Math.min(width, Math.round(cx + half))
  const ya = Math.max(0, Math.round(cy - half))
  const yb = Math.min(height, Math.round(cy + half))
  // Every other pixel in each direction: a quarter of the work, the same profile shape.
  for (let y = ya; y < yb; y += 2) {
    const ry = (y - cy) * ny
    for (let x = xa; x < xb; x += 2) {
      const v = pixels[y * width + x] as number
      const bin = Math.round((x - cx) * nx + ry) + PROFILE_BINS / 2
      if (bin < 0 || bin >= PROFILE_BINS) continue
      profile[bin] = (profile[bin] as number) + v
      counts[bin] = (counts[bin] as number) + 1
      sum += v
      sumSq += v * v
      count++
    }
  }
  into.sum = sum
  into.sumSq = sumSq
  into.count = count
  return into
}

/**
 * Least-squares fit of a·cos + b·sin at each candidate period, weighted by bin counts, to the
 * centred profile. Returns the period whose sinusoid explains most, and that explained sum of squares.
 */
function bestSinusoid(
  centred: Float64Array,
  counts: Float64Array,
  tables: SinusoidTables,
): { period: number; power: number } {
  let bestPower = 0
  let bestPeriod = 0
  for (let ci = 0; ci < tables.periods.length; ci++) {
    const row = ci * PROFILE_BINS
    let cc = 0
    let ss = 0
    let cs = 0
    let yc = 0
    let ys = 0
    for (let i = 0; i < PROFILE_BINS; i++) {
      const k = counts[i] as number
      if (k === 0) continue
      const d = centred[i] as number
      const c = tables.cos[row + i] as number
      const s = tables.sin[row + i] as number
      cc += k * c * c
      ss += k * s * s
      cs += k * c * s
      yc += k * d * c
      ys += k * d * s
    }
    const det = cc * ss - cs * cs
    if (det <= 1e-9) continue
    const a = (yc * ss - ys * cs) / det
    const bb = (ys * cc - yc * cs) / det
    // Explained sum of squares of the fitted sinusoid.
    const power = a * yc + bb * ys
    if (power > bestPower) {
      bestPower = power
      bestPeriod = tables.periods[ci] as number
    }
  }
  return { period: bestPeriod, power: bestPower }
}

/**
 * Ridge period and clarity of each foreground block, from the grey profile across the ridges:
 * clarity is the share of the pixel variance one sinusoid explains; the period is kept (else 0)
 * when that share exceeds 0.2.
 */
export function estimateRidgePeriods(
  image: FingerImage,
  grid: BlockGrid,
  field: { orientation: Float32Array; foreground: Uint8Array },
  limits: { minPeriod: number; maxPeriod: number },
): { period: Float32Array; clarity: Float32Array } {
  const { blockSize, cols, rows } = grid
  const period = new Float32Array(cols * rows)
  const clarity = new Float32Array(cols * rows)
  const tables = sinusoidTables(limits.minPeriod, limits.maxPeriod)
  const sample: RidgeProfile = {
    profile: new Float64Array(PROFILE_BINS),
    counts: new Float64Array(PROFILE_BINS),
    sum: 0,
    sumSq: 0,
    count: 0,
  }
  const centred = new Float64Array(PROFILE_BINS)
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const b = by * cols + bx
      if (!field.foreground[b]) continue
      const centre = {
        cx: bx * blockSize + blockSize / 2,
        cy: by * blockSize + blockSize / 2,
        half: blockSize,
      }
      const { profile, counts, sum, sumSq, count } = sampleRidgeProfile(
        image,
        centre,
        field.orientation[b] as number,
        sample,
      )
      const m = sum / Math.max(1, count)
      const pixelVariance = sumSq / Math.max(1, count) - m * m
      if (pixelVariance <= 1e-6) continue
      for (let i = 0; i < PROFILE_BINS; i++) {
        const k = counts[i] as number
        centred[i] = k > 0 ? (profile[i] as number) / k - m : 0
      }
      const best = bestSinusoid(centred, counts, tables)
      const explained = Math.min(1, best.power / (pixelVariance * count))
      clarity[b] = explained
      period[b] = explained > 0.2 ? best.period : 0
    }
  }
  return { period, clarity }
}
