import {
  createGaborBank,
  orientationBin,
  orientedFilter,
  periodBin,
  type GaborBank,
} from '../matching/gabor'
import {
  createOrientationModel,
  drawFingerprintClass,
  type FingerprintClass,
  type Point,
  type SingularPoints,
} from './orientation-model'
import { createRandom } from './random'

/** Master canvas at 500 ppi: 22.4 × 28 mm, larger than a fingertip so impressions can move around. */
export const MASTER_WIDTH = 448
export const MASTER_HEIGHT = 560

/**
 * The ideal print of one finger: a continuous ridge map from which every impression is rendered.
 * It never leaves the simulator; scanners deliver impressions.
 */
export interface MasterPrint {
  seed: number
  fingerClass: FingerprintClass
  width: number
  height: number
  /** About +1 on ridges and −1 in valleys; 0 outside the finger. */
  ridges: Float32Array
  /** 1 inside the finger outline. */
  mask: Uint8Array
  singular: SingularPoints
  /** Centre of the finger pad (where a well-placed finger touches the platen centre). */
  padCentre: Point
  /** Half-width of the finger outline in pixels. */
  halfWidth: number
}

export interface MasterPrintOptions {
  fingerClass?: FingerprintClass
  hand?: 'right' | 'left' | 'unknown'
  /** A thumb is wider than the other fingers. */
  thumb?: boolean
}

let sharedBank: GaborBank | null = null
function bank(): GaborBank {
  sharedBank ??= createGaborBank({ orientations: 24, sigmaAcross: 0.4, sigmaAlong: 5 })
  return sharedBank
}

const GROWTH_ITERATIONS = 8

/**
 * Grows ridges SFinGe-style: start from noise and filter it repeatedly with Gabor kernels tuned to the
 * local orientation and period, squashing after each pass. Minutiae appear where ridge flows that grew
 * from different seeds meet, so each seed gets its own minutiae layout.
 */
export function generateMasterPrint(seed: number, options: MasterPrintOptions = {}): MasterPrint {
  const random = createRandom(seed)
  const fingerClass =
    options.fingerClass ?? drawFingerprintClass(random.fork('class'), options.hand ?? 'unknown')
  const width = MASTER_WIDTH
  const height = MASTER_HEIGHT
  const shape = random.fork('shape')
  const halfWidth = (options.thumb ? 205 : 175) + shape.range(-15, 15)
  const tipRadius = halfWidth * shape.range(1.2, 1.45)
  const padCentre = { x: width / 2 + shape.range(-6, 6), y: shape.range(250, 275) }
  const top = padCentre.y - tipRadius * 0.95
  const shoulder = top + tipRadius

  const mask = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = (x - padCentre.x) / halfWidth
      const inside =
        y >= shoulder
          ? Math.abs(dx) <= 1
          : y >= top && dx * dx + ((y - shoulder) / tipRadius) ** 2 <= 1
      mask[y * width + x] = inside ? 1 : 0
    }
  }

  const model = createOrientationModel(fingerClass, padCentre, random.fork('flow'))
  const b = bank()
  const kernelIndex = new Uint16Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x
      if (!mask[p]) continue
      kernelIndex[p] =
        periodBin(b, model.periodAt(x, y)) * b.orientations +
        orientationBin(b, model.orientationAt(x, y))
    }
  }

  const noise = random.fork('ridges')
  let ridges: Float32Array = new Float32Array(width * height)
  for (let p = 0; p < ridges.length; p++) if (mask[p]) ridges[p] = noise.range(-1, 1)
  for (let i = 0; i < GROWTH_ITERATIONS; i++) {
    const filtered = orientedFilter(b, ridges, width, height, kernelIndex, mask)
    let energy = 0
    let count = 0
    for (let p = 0; p < filtered.length; p++) {
      if (!mask[p]) continue
      energy += (filtered[p] as number) * (filtered[p] as number)
      count++
    }
    const gain = 2.5 / Math.sqrt(energy / Math.max(1, count) + 1e-12)
    for (let p = 0; p < filtered.length; p++)
      filtered[p] = Math.tanh((filtered[p] as number) * gain)
    ridges = filtered
  }
  return {
    seed,
    fingerClass,
    width,
    height,
    ridges,
    mask,
    singular: model.singular,
    padCentre,
    halfWidth,
  }
}
