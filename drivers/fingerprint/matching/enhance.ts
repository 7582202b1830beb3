import type { FingerImage } from '../finger-image'
import type { BlockField } from '../quality/block-field'
import { createGaborBank, orientationBin, orientedFilter, periodBin, type GaborBank } from './gabor'

let enhanceBank: GaborBank | null = null
function bank(): GaborBank {
  enhanceBank ??= createGaborBank({
    orientations: 16,
    periods: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    sigmaAcross: 0.4,
    sigmaAlong: 4,
  })
  return enhanceBank
}

/**
 * Block and pixel masks of the blocks whose (2·erode+1)² neighbourhood is all set in `blocks`; with
 * erode = 1 the ragged contact edge (where ridges fade and fake endings appear) is left out.
 */
export function innerMask(
  field: BlockField,
  blocks: Uint8Array,
  width: number,
  height: number,
  erode: number,
) {
  const { cols, rows, blockSize } = field
  const inner = new Uint8Array(cols * rows)
  for (let y = erode; y < rows - erode; y++) {
    for (let x = erode; x < cols - erode; x++) {
      let all = 1
      for (let dy = -erode; dy <= erode && all; dy++) {
        for (let dx = -erode; dx <= erode; dx++) {
          if (!blocks[(y + dy) * cols + x + dx]) {
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

/**
 * Gabor-enhances the image along the block orientation field and binarises it: 1 = ridge. Pixels
 * outside `mask` are 0. Orientation is interpolated between block centres so kernels turn smoothly.
 */
export function binariseRidges(
  image: FingerImage,
  field: BlockField,
  mask: Uint8Array,
): Uint8Array {
  const { width, height, pixels } = image
  const b = bank()
  const { cols, rows, blockSize } = field
  const periods: number[] = []
  for (let i = 0; i < field.period.length; i++) {
    if ((field.period[i] ?? 0) > 0 && field.foreground[i]) periods.push(field.period[i] ?? 0)
  }
  periods.sort((x, y) => x - y)
  const fallbackPeriod = periods[Math.floor(periods.length / 2)] ?? (9 * image.ppi) / 500
  // Doubled-angle vectors per block, so interpolation is continuous across θ ≈ 0 ≈ π.
  const vc = new Float32Array(cols * rows)
  const vs = new Float32Array(cols * rows)
  const blockKernelPeriod = new Uint8Array(cols * rows)
  for (let i = 0; i < cols * rows; i++) {
    const theta = field.orientation[i] ?? 0
    vc[i] = Math.cos(2 * theta)
    vs[i] = Math.sin(2 * theta)
    const p = field.period[i] ?? 0
    blockKernelPeriod[i] = periodBin(b, p > 0 ? (p + 2 * fallbackPeriod) / 3 : fallbackPeriod)
  }
  const kernelIndex = new Uint16Array(width * height)
  const src = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max(y / blockSize - 0.5, 0), rows - 1.0001)
    const by = Math.floor(fy)
    const ty = fy - by
    for (let x = 0; x < width; x++) {
      const p = y * width + x
      src[p] = 128 - (pixels[p] ?? 0)
      if (!mask[p]) continue
      const fx = Math.min(Math.max(x / blockSize - 0.5, 0), cols - 1.0001)
      const bx = Math.floor(fx)
      const tx = fx - bx
      const i = by * cols + bx
      const j = Math.min(by + 1, rows - 1) * cols + bx
      const right = bx + 1 < cols ? 1 : 0
      const c =
        (1 - ty) * ((1 - tx) * (vc[i] ?? 0) + tx * (vc[i + right] ?? 0)) +
        ty * ((1 - tx) * (vc[j] ?? 0) + tx * (vc[j + right] ?? 0))
      const s =
        (1 - ty) * ((1 - tx) * (vs[i] ?? 0) + tx * (vs[i + right] ?? 0)) +
        ty * ((1 - tx) * (vs[j] ?? 0) + tx * (vs[j + right] ?? 0))
      const nearest =
        Math.min(rows - 1, Math.floor(y / blockSize)) * cols +
        Math.min(cols - 1, Math.floor(x / blockSize))
      kernelIndex[p] =
        (blockKernelPeriod[nearest] ?? 0) * b.orientations +
        orientationBin(b, 0.5 * Math.atan2(s, c))
    }
  }
  // src is ridge-positive (dark ridges inverted), so a positive response means ridge.
  const response = orientedFilter(b, src, width, height, kernelIndex, mask)
  const binary = new Uint8Array(width * height)
  for (let p = 0; p < binary.length; p++) binary[p] = mask[p] && (response[p] ?? 0) > 0 ? 1 : 0
  return binary
}
