import type { FaceObservation } from '../types'
import { clampScalar, inverseSigmoid, sigmoidScalar } from './mapping'
import type { Measurement } from './measured'
import { MESH } from './mesh-points'
import { pointOf } from './face-geometry'

/** Face crops are resampled so the eyes are this far apart before sharpness is measured. */
const SHARPNESS_IED = 64

/**
 * Sharpness (0x49), SUBSTITUTE for OFIQ's random forest: variance of the 3×3 Laplacian of
 * luminance over the central face (eyes to mouth), on a crop resampled to a fixed inter-eye
 * distance so a near face and a far one compare. Its 0–100 mapping is the kiosk's own (x0 = 40,
 * w = 15), set on the training images, not OFIQ's.
 */
export function sharpness(
  luminance: Float32Array,
  width: number,
  height: number,
  face: FaceObservation,
  ied: number,
): Measurement {
  const scale = SHARPNESS_IED / Math.max(1, ied)
  const left = pointOf(face, MESH.rightEyeCorners[0])
  const right = pointOf(face, MESH.leftEyeCorners[0])
  const chin = pointOf(face, MESH.chin)
  const x0 = Math.min(left[0], right[0])
  const y0 = Math.min(left[1], right[1]) - 0.3 * ied
  const w = Math.abs(right[0] - left[0])
  const h = chin[1] - 0.25 * ied - y0
  const cols = Math.max(3, Math.round(w * scale))
  const rows = Math.max(3, Math.round(h * scale))
  const crop = new Float32Array(cols * rows)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      crop[r * cols + c] = bilinear(luminance, width, height, x0 + c / scale, y0 + r / scale)
    }
  }
  const raw = laplacianVariance(crop, cols, rows)
  return { raw, scalar: sigmoidScalar(raw, { x0: 40, w: 15 }) }
}

function bilinear(img: Float32Array, width: number, height: number, x: number, y: number): number {
  const cx = Math.min(width - 1.001, Math.max(0, x))
  const cy = Math.min(height - 1.001, Math.max(0, y))
  const ix = Math.floor(cx)
  const iy = Math.floor(cy)
  const fx = cx - ix
  const fy = cy - iy
  const at = (xx: number, yy: number): number => img[yy * width + xx] ?? 0
  return (
    at(ix, iy) * (1 - fx) * (1 - fy) +
    at(ix + 1, iy) * fx * (1 - fy) +
    at(ix, iy + 1) * (1 - fx) * fy +
    at(ix + 1, iy + 1) * fx * fy
  )
}

function laplacianVariance(img: Float32Array, cols: number, rows: number): number {
  let sum = 0
  let sumSq = 0
  let n = 0
  for (let r = 1; r < rows - 1; r++) {
    for (let c = 1; c < cols - 1; c++) {
      const i = r * cols + c
      const v =
        (img[i - 1] ?? 0) +
        (img[i + 1] ?? 0) +
        (img[i - cols] ?? 0) +
        (img[i + cols] ?? 0) -
        4 * (img[i] ?? 0)
      sum += v
      sumSq += v * v
      n++
    }
  }
  return n > 0 ? sumSq / n - (sum / n) ** 2 : 0
}

/**
 * BackgroundUniformity (0x42), SUBSTITUTE for OFIQ's face-parsing mask: the background is the
 * part of the frame above the chin and outside an ellipse around the head (the face oval grown to
 * take in hair and ears); raw = mean Sobel gradient magnitude of luminance there, mapped with
 * OFIQ's sigmoid (h 190, inverse, x0 10, w 100).
 */
export function backgroundUniformity(
  luminance: Float32Array,
  width: number,
  height: number,
  face: FaceObservation,
): Measurement {
  const [bx, by, bw, bh] = face.box
  const cx = bx + bw / 2
  const cy = by + bh / 2 - 0.1 * bh
  const rx = 0.85 * bw
  const ry = 0.95 * bh
  const chinY = pointOf(face, MESH.chin)[1]
  let sum = 0
  let n = 0
  // Every other pixel each way: the mean gradient barely moves, and it is a quarter of the work.
  for (let y = 1; y < Math.min(height - 1, Math.floor(chinY)); y += 2) {
    for (let x = 1; x < width - 1; x += 2) {
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) continue
      sum += sobelMagnitude(luminance, width, x, y)
      n++
    }
  }
  if (n === 0) return { raw: 0, scalar: 100 }
  const raw = sum / n
  return { raw, scalar: clampScalar(sigmoidScalar(raw, inverseSigmoid(10, 100, 190))) }
}

function sobelMagnitude(img: Float32Array, width: number, x: number, y: number): number {
  const at = (dx: number, dy: number): number => img[(y + dy) * width + x + dx] ?? 0
  const gx = at(1, -1) + 2 * at(1, 0) + at(1, 1) - at(-1, -1) - 2 * at(-1, 0) - at(-1, 1)
  const gy = at(-1, 1) + 2 * at(0, 1) + at(1, 1) - at(-1, -1) - 2 * at(0, -1) - at(1, -1)
  return Math.hypot(gx, gy)
}
