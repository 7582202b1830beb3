import type { FingerImage } from '../finger-image'
import { computeBlockField, type BlockField } from '../quality/block-field'
import { cleanForeground } from '../quality/kiosk-quality'
import { binariseRidges, innerMask } from './enhance'
import { thin } from './thinning'

export type MinutiaType = 'ending' | 'bifurcation'

export interface Minutia {
  x: number
  y: number
  /** Direction in radians [0, 2π): along the ridge, away from it for an ending, towards the fork
   *  for a bifurcation. */
  angle: number
  type: MinutiaType
}

/** What the matcher keeps of an impression: minutiae plus the usable area, block by block. */
export interface FingerTemplate {
  width: number
  height: number
  ppi: number
  minutiae: Minutia[]
  blockSize: number
  cols: number
  rows: number
  /** 1 for blocks of usable finger area (where minutiae can be expected). */
  area: Uint8Array
  /** Ridge orientation per block, radians [0, π). */
  orientation: Float32Array
}

// Neighbour offsets in circular order: N, NE, E, SE, S, SW, W, NW.
const RING_X = [0, 1, 1, 1, 0, -1, -1, -1]
const RING_Y = [-1, -1, 0, 1, 1, 1, 0, -1]

/** Follows a skeleton line from `start` leaving through `first`, up to `steps` pixels. */
function trace(skeleton: Uint8Array, width: number, start: number, first: number, steps: number) {
  let previous = start
  let current = first
  let length = 1
  for (; length < steps; length++) {
    let next = -1
    for (let k = 0; k < 8; k++) {
      const q = current + (RING_Y[k] ?? 0) * width + (RING_X[k] ?? 0)
      if (q !== previous && q !== start && skeleton[q]) {
        next = q
        break
      }
    }
    if (next < 0) break
    previous = current
    current = next
  }
  return { end: current, length }
}

/** Skeleton neighbours of p, one per run of set pixels around it. */
function branches(skeleton: Uint8Array, width: number, p: number): number[] {
  const out: number[] = []
  for (let k = 0; k < 8; k++) {
    const here = skeleton[p + (RING_Y[k] ?? 0) * width + (RING_X[k] ?? 0)] ?? 0
    const k1 = (k + 7) % 8
    const before = skeleton[p + (RING_Y[k1] ?? 0) * width + (RING_X[k1] ?? 0)] ?? 0
    if (here && !before) out.push(p + (RING_Y[k] ?? 0) * width + (RING_X[k] ?? 0))
  }
  return out
}

const TRACE_STEPS = 10
const MIN_CLARITY = 0.06
const MIN_STD = 14
/** Pixels (at 500 ppi) next to the image border where no minutia is taken. */
const EDGE_MARGIN = 8

/** Minutiae closer than about half a ridge period come from breaks and spurs: drops both. */
function withoutClosePairs(candidates: readonly Minutia[], minDistance: number): Minutia[] {
  const drop = new Uint8Array(candidates.length)
  for (let i = 0; i < candidates.length; i++) {
    const a = candidates[i]
    if (!a) continue
    for (let j = i + 1; j < candidates.length; j++) {
      const b = candidates[j]
      if (!b) continue
      if (b.y - a.y > minDistance) break
      if (Math.hypot(a.x - b.x, a.y - b.y) < minDistance) {
        drop[i] = 1
        drop[j] = 1
      }
    }
  }
  return candidates.filter((_, i) => !drop[i])
}

/** Extracts minutiae (crossing number on the thinned, Gabor-enhanced ridges) from an image. */
export function extractTemplate(
  image: FingerImage,
  field: BlockField = computeBlockField(image),
): FingerTemplate {
  const { width, height } = image
  const foreground = cleanForeground(field)
  const fgPixels = innerMask(field, foreground, width, height, 0).pixels
  const skeleton = thin(binariseRidges(image, field, fgPixels), width, height)
  // Minutiae count only well inside blocks with clear ridges: the faint rim of the contact area and
  // smudged patches breed false endings.
  const usable = foreground.slice()
  for (let b = 0; b < usable.length; b++) {
    if ((field.clarity[b] ?? 0) < MIN_CLARITY || (field.std[b] ?? 0) < MIN_STD) usable[b] = 0
  }
  // The image border is not the contact's edge: a partial touch runs off the sensor with clean
  // ridges, so only the ragged edge inside the image is eroded, and a margin keeps ridges cut by
  // the border from counting as endings.
  const inner = innerMask(field, usable, width, height, 1, true)
  const margin = Math.round((EDGE_MARGIN * image.ppi) / 500)
  const candidates: Minutia[] = []
  for (let y = margin; y < height - margin; y++) {
    for (let x = margin; x < width - margin; x++) {
      const p = y * width + x
      if (!skeleton[p] || !inner.pixels[p]) continue
      const out = branches(skeleton, width, p)
      if (out.length !== 1 && out.length !== 3) continue
      const bx = Math.min(field.cols - 1, Math.floor(x / field.blockSize))
      const by = Math.min(field.rows - 1, Math.floor(y / field.blockSize))
      const theta = field.orientation[by * field.cols + bx] ?? 0
      const ux = Math.cos(theta)
      const uy = Math.sin(theta)
      if (out.length === 1) {
        const t = trace(skeleton, width, p, out[0] ?? p, TRACE_STEPS)
        // A short isolated stroke is noise, not a ridge.
        if (t.length < TRACE_STEPS) continue
        const vx = x - (t.end % width)
        const vy = y - Math.floor(t.end / width)
        const angle = vx * ux + vy * uy >= 0 ? theta : theta + Math.PI
        candidates.push({ x, y, angle, type: 'ending' })
      } else {
        let side = 0
        let short = 0
        for (const q of out) {
          const t = trace(skeleton, width, p, q, TRACE_STEPS)
          if (t.length < TRACE_STEPS / 2) short++
          side += Math.sign(((t.end % width) - x) * ux + (Math.floor(t.end / width) - y) * uy)
        }
        if (short > 0) continue
        candidates.push({ x, y, angle: side >= 0 ? theta : theta + Math.PI, type: 'bifurcation' })
      }
    }
  }
  const minutiae = withoutClosePairs(candidates, (8 * image.ppi) / 500)
  return {
    width,
    height,
    ppi: image.ppi,
    minutiae,
    blockSize: field.blockSize,
    cols: field.cols,
    rows: field.rows,
    area: inner.blocks,
    orientation: field.orientation,
  }
}
