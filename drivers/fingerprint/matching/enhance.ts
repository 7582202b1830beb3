import type { FingerImage } from '../finger-image'
import type { BlockField } from '../quality/block-field'
import { createRidgeFilter, filterRidges, type RidgeFilter } from './ridge-filter'

let enhanceFilter: RidgeFilter | null = null
function ridgeFilter(): RidgeFilter {
  enhanceFilter ??= createRidgeFilter({
    orientations: 16,
    periods: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    radius: 6,
    sigmaAcross: 0.4,
    sigmaAlong: 4,
  })
  return enhanceFilter
}

/** Nearest period bin (periods are consecutive integers from periods[0]). */
function periodBin(periods: readonly number[], period: number): number {
  const first = periods[0] as number
  return Math.min(periods.length - 1, Math.max(0, Math.round(period - first)))
}

/**
 * Block and pixel masks of the blocks whose (2·erode+1)² neighbourhood is all set in `blocks`; with
 * erode = 1 the ragged contact edge (where ridges fade and fake endings appear) is left out. With
 * `keepImageEdge`, neighbours beyond the image count as set: the border is not eroded.
 */
export function innerMask(
  field: BlockField,
  blocks: Uint8Array,
  width: number,
  height: number,
  erode: number,
  keepImageEdge = false,
) {
  const { cols, rows, blockSize } = field
  const inner = new Uint8Array(cols * rows)
  const from = keepImageEdge ? 0 : erode
  for (let y = from; y < rows - from; y++) {
    for (let x = from; x < cols - from; x++) {
      let all = 1
      for (let dy = -erode; dy <= erode && all; dy++) {
        for (let dx = -erode; dx <= erode; dx++) {
          const u = x + dx
          const v = y + dy
          if (u < 0 || v < 0 || u >= cols || v >= rows) continue
          if (!blocks[v * cols + u]) {
            all = 0
            break
          }
        }
      }
      inner[y * cols + x] = all
    }
  }
  const pixels = new Uint8Array(width * height)
  for (let y = 0; y < rows * blockSize; y++) {
    for (let x = 0; x < cols * blockSize; x++) {
      pixels[y * width + x] =
        inner[Math.floor(y / blockSize) * cols + Math.floor(x / blockSize)] ?? 0
    }
  }
  return { blocks: inner, pixels }
}

/** Block period bins: the block's own period pulled towards the print's median, or the median. */
function blockPeriodBins(field: BlockField, ppi: number, periods: readonly number[]): Uint8Array {
  const found: number[] = []
  for (let i = 0; i < field.period.length; i++) {
    if ((field.period[i] as number) > 0 && field.foreground[i])
      found.push(field.period[i] as number)
  }
  found.sort((x, y) => x - y)
  const fallback = found[Math.floor(found.length / 2)] ?? (9 * ppi) / 500
  const bins = new Uint8Array(field.period.length)
  for (let i = 0; i < bins.length; i++) {
    const p = field.period[i] as number
    bins[i] = periodBin(periods, p > 0 ? (p + 2 * fallback) / 3 : fallback)
  }
  return bins
}

// Kernels are chosen per CELL×CELL pixels: the orientation interpolated between block centres turns
// by a small fraction of a bin over a cell, and one atan2 per pixel was a third of the filtering.
const CELL = 4

/** Doubled-angle vectors (cos 2θ, sin 2θ) per block, continuous across θ ≈ 0 ≈ π. */
function doubledAngles(field: BlockField) {
  const n = field.cols * field.rows
  const vc = new Float32Array(n)
  const vs = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    const theta = field.orientation[i] as number
    vc[i] = Math.cos(2 * theta)
    vs[i] = Math.sin(2 * theta)
  }
  return { vc, vs }
}

/**
 * Kernel per pixel, period bin · orientations + orientation bin: the orientation is interpolated
 * bilinearly between block centres (at each cell's centre), the period is the nearest block's.
 * Every pixel gets one, inside the mask or not (the along pass needs them all).
 */
function kernelIndices(field: BlockField, image: FingerImage, filter: RidgeFilter): Uint16Array {
  const { cols, rows, blockSize } = field
  const { width, height } = image
  const { orientations, periods } = filter.options
  const { vc, vs } = doubledAngles(field)
  const periodBins = blockPeriodBins(field, image.ppi, periods)
  const toBin = orientations / (2 * Math.PI)
  const kernelIndex = new Uint16Array(width * height)
  for (let y0 = 0; y0 < height; y0 += CELL) {
    const cy = Math.min(y0 + CELL / 2, height - 1)
    const fy = Math.min(Math.max(cy / blockSize - 0.5, 0), rows - 1.0001)
    const by = Math.floor(fy)
    const ty = fy - by
    const i0 = by * cols
    const j0 = Math.min(by + 1, rows - 1) * cols
    const nearestRow = Math.min(rows - 1, Math.floor(cy / blockSize)) * cols
    for (let x0 = 0; x0 < width; x0 += CELL) {
      const cx = Math.min(x0 + CELL / 2, width - 1)
      const fx = Math.min(Math.max(cx / blockSize - 0.5, 0), cols - 1.0001)
      const bx = Math.floor(fx)
      const tx = fx - bx
      const i = i0 + bx
      const j = j0 + bx
      const right = bx + 1 < cols ? 1 : 0
      const c =
        (1 - ty) * ((1 - tx) * (vc[i] as number) + tx * (vc[i + right] as number)) +
        ty * ((1 - tx) * (vc[j] as number) + tx * (vc[j + right] as number))
      const s =
        (1 - ty) * ((1 - tx) * (vs[i] as number) + tx * (vs[i + right] as number)) +
        ty * ((1 - tx) * (vs[j] as number) + tx * (vs[j + right] as number))
      // Doubled angle φ ∈ (−π, π]: the ridge angle φ/2 falls in bin round(φ/2 · orientations/π).
      const bin = (Math.round(Math.atan2(s, c) * toBin) + orientations) % orientations
      const nearest = nearestRow + Math.min(cols - 1, Math.floor(cx / blockSize))
      const k = (periodBins[nearest] as number) * orientations + bin
      for (let y = y0; y < Math.min(height, y0 + CELL); y++)
        kernelIndex.fill(k, y * width + x0, y * width + Math.min(width, x0 + CELL))
    }
  }
  return kernelIndex
}

/**
 * Enhances the image with the oriented ridge filter along the block orientation field and binarises
 * it: 1 = ridge. Pixels outside `mask` are 0.
 */
export function binariseRidges(
  image: FingerImage,
  field: BlockField,
  mask: Uint8Array,
): Uint8Array {
  const { width, height, pixels } = image
  const filter = ridgeFilter()
  const kernelIndex = kernelIndices(field, image, filter)
  // Ridge-positive (dark ridges inverted), so a positive response means ridge.
  const src = new Float32Array(width * height)
  for (let p = 0; p < src.length; p++) src[p] = 128 - (pixels[p] as number)
  const response = filterRidges(filter, src, width, height, kernelIndex, mask)
  const binary = new Uint8Array(width * height)
  for (let p = 0; p < binary.length; p++) binary[p] = mask[p] && (response[p] as number) > 0 ? 1 : 0
  return binary
}
