import type { ImpressionParameters, ImpressionSize } from './impression'
import { drawPlasticDistortion } from './plastic-distortion'
import { createRandom, type Random } from './random'
import { drawSkinMarks } from './skin-marks'

/**
 * The "hard" synthetic set: touches that differ as much as real ones do. Besides position and
 * rotation (up to ±20°) each touch gets
 * - plastic skin distortion after Cappelli, Maio and Maltoni (ICAPR 2001; plastic-distortion.ts),
 * - pressure that changes ridge width and the contact area,
 * - dry skin (broken, thin ridges) or wet skin (valleys merging in patches), as SFinGe's
 *   erosion/dilation of ridges models them (Cappelli, "Synthetic fingerprint generation", in
 *   Handbook of Fingerprint Recognition, 2nd ed., ch. 6),
 * - creases and scars (skin-marks.ts),
 * - an uneven platen background and sensor noise,
 * - for a partial touch, a finger that lands at the edge of the window, part of it off the sensor.
 * The classic set (drawImpressionParameters) is left as it was; dependants of it do not change.
 */
export type HardImpressionKind = 'good' | 'wet' | 'dry' | 'partial'

export const HARD_IMPRESSION_KINDS: readonly HardImpressionKind[] = [
  'good',
  'wet',
  'dry',
  'partial',
]

const MAX_ROTATION_DEGREES = 20

/** Shifts the pad centre so that part of the finger lies off one edge of the window. */
function edgePlacement(random: Random, size: ImpressionSize): { dx: number; dy: number } {
  const side = random.int(4)
  // The pad is about 0.55 of the window wide (0.6 of it high): a centre 0.3 … 0.45 of the window off
  // the middle leaves from about a fifth of the contact area off the sensor to about half.
  const across = random.range(0.3, 0.45)
  const along = random.range(-0.15, 0.15)
  switch (side) {
    case 0:
      return { dx: -across * size.width, dy: along * size.height }
    case 1:
      return { dx: across * size.width, dy: along * size.height }
    case 2:
      return { dx: along * size.width, dy: across * size.height }
    default:
      return { dx: along * size.width, dy: -across * 0.8 * size.height }
  }
}

/** Draws the parameters of one hard touch of the given kind on a window of the given size. */
export function drawHardImpressionParameters(
  seed: number,
  kind: HardImpressionKind,
  size: ImpressionSize,
): ImpressionParameters {
  const r = createRandom(hashless(seed))
  const pressure = r.range(0.35, 0.85)
  const p: ImpressionParameters = {
    seed,
    dx: r.range(-35, 35),
    dy: r.range(-35, 35),
    rotation: (r.range(-MAX_ROTATION_DEGREES, MAX_ROTATION_DEGREES) * Math.PI) / 180,
    pressure,
    dryness: r.range(0.05, 0.25),
    wetness: r.range(0, 0.2),
    noise: r.range(3, 10),
    distortion: r.range(1.5, 4),
    partial: false,
    moistureVariation: r.range(0.2, 0.5),
    backgroundGlow: r.range(4, 18),
  }
  // The close-contact region sits at the pad centre of the master; its size follows the pressure.
  p.plastic = drawPlasticDistortion(r.fork('plastic'), { x: 224, y: 280 }, 120 + 80 * pressure)
  p.marks = drawSkinMarks(r.fork('marks'), { x: 224, y: 280 })
  switch (kind) {
    case 'good':
      break
    case 'dry':
      // Dry skin breaks ridges into dashes; beyond about 0.5 the breaks take more ridge than they
      // leave, and the touch is one the quality check sends back rather than one to match.
      p.dryness = r.range(0.25, 0.45)
      p.pressure = r.range(0.2, 0.5)
      p.wetness = 0
      break
    case 'wet':
      p.wetness = r.range(0.55, 0.85)
      p.pressure = r.range(0.65, 1)
      p.moistureVariation = r.range(0.5, 0.9)
      break
    case 'partial': {
      const edge = edgePlacement(r.fork('edge'), size)
      p.dx = edge.dx
      p.dy = edge.dy
      // Sometimes only the side of the pad touches as well.
      p.partial = r.next() < 0.2
      break
    }
  }
  return p
}

// Keeps the hard set's stream apart from the classic set's for the same seed.
function hashless(seed: number): number {
  return (seed ^ 0x68617264) >>> 0
}
