import type { FingerImage } from '../finger-image'
import { estimateRidgePeriods, type BlockGrid } from './ridge-period'

/**
 * Per-block ridge statistics of a finger image: the common ground of the quality measures and the
 * matcher. Blocks are `blockSize` pixels square (16 at 500 ppi, about two ridge periods); the ridge
 * period is estimated over a window twice that size centred on the block.
 */
export interface BlockField {
  blockSize: number
  /** Blocks across and down (partial blocks at the right and bottom edges are ignored). */
  cols: number
  rows: number
  /** Mean grey level of each block. */
  mean: Float32Array
  /** Standard deviation of the grey levels of each block. */
  std: Float32Array
  /** Ridge direction in radians [0, π), smoothed over the 3×3 neighbourhood (doubled-angle average). */
  orientation: Float32Array
  /** Orientation certainty level per NFIQ 2: 1 − λmin/λmax of the gradient covariance, in [0, 1]. */
  ocl: Float32Array
  /** Ridge period in pixels (0 where no period between the limits stands out). */
  period: Float32Array
  /** Share of the pixel variance explained by one sinusoid across the ridges, in [0, 1]. */
  clarity: Float32Array
  /** 1 where the block holds finger (enough contrast, not blank). */
  foreground: Uint8Array
}

export interface BlockFieldOptions {
  blockSize?: number
  /** Blocks whose grey-level standard deviation is below this are background. */
  minBlockStd?: number
  /** Shortest and longest plausible ridge period, in pixels at the image's resolution. */
  minPeriod?: number
  maxPeriod?: number
}

interface BlockGradients {
  mean: Float32Array
  std: Float32Array
  ocl: Float32Array
  /** Coherence-weighted doubled gradient angle, as cos and sin, before smoothing. */
  rawCos: Float32Array
  rawSin: Float32Array
  foreground: Uint8Array
}

/** Sums over one block: grey moments and the gradient covariance (central differences). */
function blockSums(image: FingerImage, x0: number, y0: number, blockSize: number) {
  const { width, height, pixels } = image
  let sum = 0
  let sumSq = 0
  let gxx = 0
  let gyy = 0
  let gxy = 0
  for (let y = y0; y < y0 + blockSize; y++) {
    const row = y * width
    const up = (y > 0 ? y - 1 : y) * width
    const down = (y < height - 1 ? y + 1 : y) * width
    for (let x = x0; x < x0 + blockSize; x++) {
      const v = pixels[row + x] as number
      sum += v
      sumSq += v * v
      const gx =
        (pixels[row + (x < width - 1 ? x + 1 : x)] as number) -
        (pixels[row + (x > 0 ? x - 1 : x)] as number)
      const gy = (pixels[down + x] as number) - (pixels[up + x] as number)
      gxx += gx * gx
      gyy += gy * gy
      gxy += gx * gy
    }
  }
  return { sum, sumSq, gxx, gyy, gxy }
}

/** Grey statistics, orientation certainty and the raw gradient direction of every block. */
function blockGradients(image: FingerImage, grid: BlockGrid, minStd: number): BlockGradients {
  const { blockSize, cols, rows } = grid
  const n = cols * rows
  const out: BlockGradients = {
    mean: new Float32Array(n),
    std: new Float32Array(n),
    ocl: new Float32Array(n),
    rawCos: new Float32Array(n),
    rawSin: new Float32Array(n),
    foreground: new Uint8Array(n),
  }
  const count = blockSize * blockSize
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const { sum, sumSq, gxx, gyy, gxy } = blockSums(
        image,
        bx * blockSize,
        by * blockSize,
        blockSize,
      )
      const b = by * cols + bx
      const m = sum / count
      out.mean[b] = m
      out.std[b] = Math.sqrt(Math.max(0, sumSq / count - m * m))
      const trace = gxx + gyy
      const root = Math.sqrt((gxx - gyy) * (gxx - gyy) + 4 * gxy * gxy)
      const lMax = (trace + root) / 2
      const lMin = (trace - root) / 2
      out.ocl[b] = lMax > 1e-9 ? 1 - lMin / lMax : 0
      // The dominant gradient is across the ridges; weight by coherence for the smoothing below.
      const coherence = trace > 1e-9 ? root / trace : 0
      const gradientAngle = Math.atan2(2 * gxy, gxx - gyy)
      out.rawCos[b] = coherence * Math.cos(gradientAngle)
      out.rawSin[b] = coherence * Math.sin(gradientAngle)
      out.foreground[b] = (out.std[b] as number) >= minStd && m < 245 ? 1 : 0
    }
  }
  return out
}

/** Ridge direction per block: the doubled-angle average over the 3×3 neighbourhood, turned by π/2. */
function smoothOrientation(grid: BlockGrid, rawCos: Float32Array, rawSin: Float32Array) {
  const { cols, rows } = grid
  const orientation = new Float32Array(cols * rows)
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let c = 0
      let s = 0
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx
          const y = by + dy
          if (x < 0 || y < 0 || x >= cols || y >= rows) continue
          const w = dx === 0 && dy === 0 ? 2 : 1
          c += w * (rawCos[y * cols + x] as number)
          s += w * (rawSin[y * cols + x] as number)
        }
      }
      // Gradient angle/2 is the normal to the ridges; the ridge runs at +π/2.
      const theta = 0.5 * Math.atan2(s, c) + Math.PI / 2
      orientation[by * cols + bx] = theta >= Math.PI ? theta - Math.PI : theta
    }
  }
  return orientation
}

export function computeBlockField(image: FingerImage, options: BlockFieldOptions = {}): BlockField {
  const scale = image.ppi > 0 ? image.ppi / 500 : 1
  const blockSize = options.blockSize ?? Math.max(8, Math.round(16 * scale))
  const grid: BlockGrid = {
    blockSize,
    cols: Math.floor(image.width / blockSize),
    rows: Math.floor(image.height / blockSize),
  }
  const { mean, std, ocl, rawCos, rawSin, foreground } = blockGradients(
    image,
    grid,
    options.minBlockStd ?? 9,
  )
  const orientation = smoothOrientation(grid, rawCos, rawSin)
  const { period, clarity } = estimateRidgePeriods(
    image,
    grid,
    { orientation, foreground },
    { minPeriod: options.minPeriod ?? 4.5 * scale, maxPeriod: options.maxPeriod ?? 16 * scale },
  )
  const { cols, rows } = grid
  return { blockSize, cols, rows, mean, std, orientation, ocl, period, clarity, foreground }
}
