import type { FingerImage } from '../finger-image'
import type { MasterPrint } from './master-print'
import { plasticDisplacement, type PlasticDistortion } from './plastic-distortion'
import { createRandom, type Random } from './random'
import { markShade, type SkinMark } from './skin-marks'
import { createValueNoise, type ValueNoise } from './value-noise'

/** How the finger met the platen; the simulator uses these to produce good and bad captures. */
export type ImpressionCondition = 'good' | 'dry' | 'wet' | 'light' | 'partial' | 'smudged'

export const IMPRESSION_CONDITIONS: readonly ImpressionCondition[] = [
  'good',
  'dry',
  'wet',
  'light',
  'partial',
  'smudged',
]

/** Everything that makes one touch of a finger differ from another touch of the same finger. */
export interface ImpressionParameters {
  seed: number
  /** Offset of the pad centre from the window centre, pixels. */
  dx: number
  dy: number
  /** Rotation of the finger on the platen, radians (positive = clockwise on screen). */
  rotation: number
  /** 0 (barely touching: thin, faint ridges) … 1 (pressed hard: thick ridges, large contact). */
  pressure: number
  /** 0 … 1: broken ridges from dry skin. */
  dryness: number
  /** 0 … 1: valleys filling in from moisture. */
  wetness: number
  /** Standard deviation of sensor noise in grey levels. */
  noise: number
  /** Peak non-linear skin stretch in pixels. */
  distortion: number
  /** Contact area limited to one side of the pad. */
  partial: boolean
  /** Hard set (hard-impression.ts): Cappelli plastic distortion around the close-contact region. */
  plastic?: PlasticDistortion
  /** Hard set: creases and scars. */
  marks?: readonly SkinMark[]
  /** Hard set: 0 … 1, how unevenly moisture spreads (patches where valleys fill completely). */
  moistureVariation?: number
  /** Hard set: depth of the uneven platen glow in grey levels. */
  backgroundGlow?: number
}

export interface ImpressionSize {
  width: number
  height: number
}

/** Draws plausible parameters for a touch in the given condition. */
export function drawImpressionParameters(
  seed: number,
  condition: ImpressionCondition = 'good',
): ImpressionParameters {
  const r = createRandom(seed)
  const p: ImpressionParameters = {
    seed,
    dx: r.range(-28, 28),
    dy: r.range(-28, 28),
    rotation: (r.range(-18, 18) * Math.PI) / 180,
    pressure: r.range(0.45, 0.9),
    dryness: r.range(0, 0.15),
    wetness: r.range(0, 0.12),
    noise: r.range(2, 7),
    distortion: r.range(1, 4),
    partial: false,
  }
  switch (condition) {
    case 'good':
      break
    case 'dry':
      p.dryness = r.range(0.45, 0.7)
      p.pressure = r.range(0.3, 0.55)
      break
    case 'wet':
      p.wetness = r.range(0.6, 0.9)
      p.pressure = r.range(0.7, 1)
      break
    case 'light':
      p.pressure = r.range(0.05, 0.2)
      p.noise = r.range(8, 14)
      break
    case 'partial':
      p.partial = true
      p.dx = r.range(-90, 90)
      p.dy = r.range(-110, 60)
      break
    case 'smudged':
      p.wetness = r.range(0.4, 0.6)
      p.dryness = r.range(0.3, 0.5)
      p.noise = r.range(14, 24)
      p.distortion = r.range(5, 9)
      break
  }
  return p
}

function smoothstep(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t
  return c * c * (3 - 2 * c)
}

/** Bilinear sample of the master ridge map; 0 outside the canvas. */
function sampleRidges(
  master: MasterPrint,
  x: number,
  y: number,
): { ridge: number; inside: number } {
  const w = master.width
  const ix = Math.floor(x)
  const iy = Math.floor(y)
  if (ix < 0 || iy < 0 || ix >= w - 1 || iy >= master.height - 1) return { ridge: 0, inside: 0 }
  const tx = x - ix
  const ty = y - iy
  const i = iy * w + ix
  const r = master.ridges
  const m = master.mask
  const top = (r[i] as number) + ((r[i + 1] as number) - (r[i] as number)) * tx
  const bottom = (r[i + w] as number) + ((r[i + w + 1] as number) - (r[i + w] as number)) * tx
  const mTop = (m[i] as number) + ((m[i + 1] as number) - (m[i] as number)) * tx
  const mBottom = (m[i + w] as number) + ((m[i + w + 1] as number) - (m[i + w] as number)) * tx
  return { ridge: top + (bottom - top) * ty, inside: mTop + (mBottom - mTop) * ty }
}

interface ContactRegion {
  cx: number
  cy: number
  rx: number
  ry: number
  wobble: (angle: number) => number
}

function contactRegion(
  master: MasterPrint,
  p: ImpressionParameters,
  random: Random,
): ContactRegion {
  const scale = 0.62 + 0.38 * p.pressure
  let rx = master.halfWidth * scale
  let ry = rx * 1.4
  let cx = master.padCentre.x
  let cy = master.padCentre.y + 20
  if (p.partial) {
    // Only a side or the tip touches: a smaller region pushed off the pad centre.
    const angle = random.range(0, 2 * Math.PI)
    cx += Math.cos(angle) * rx * 0.55
    cy += Math.sin(angle) * ry * 0.5
    rx *= 0.6
    ry *= 0.55
  }
  const harmonics = [1, 2, 3, 5].map((k) => ({
    k,
    amplitude: random.range(0, 0.06) / Math.sqrt(k),
    phase: random.range(0, 2 * Math.PI),
  }))
  const wobble = (angle: number): number =>
    harmonics.reduce((s, h) => s + h.amplitude * Math.sin(h.k * angle + h.phase), 1)
  return { cx, cy, rx, ry, wobble }
}

/** The hard set's extra skin and sensor effects, drawn after the classic ones so those stay unchanged. */
interface HardEffects {
  plastic: PlasticDistortion | undefined
  marks: readonly SkinMark[]
  moisture: ValueNoise | undefined
  moistureVariation: number
  glow: ValueNoise | undefined
  glowDepth: number
}

function hardEffects(
  master: MasterPrint,
  params: ImpressionParameters,
  random: Random,
  size: ImpressionSize,
): HardEffects {
  const variation = params.moistureVariation ?? 0
  const glowDepth = params.backgroundGlow ?? 0
  return {
    plastic: params.plastic,
    marks: params.marks ?? [],
    moisture:
      variation > 0
        ? createValueNoise(random.fork('moisture'), master.width, master.height, 24)
        : undefined,
    moistureVariation: variation,
    glow:
      glowDepth > 0
        ? createValueNoise(random.fork('glow'), size.width, size.height, 90)
        : undefined,
    glowDepth,
  }
}

/**
 * Renders what the scanner sees for one touch: the master print moved, rotated and stretched onto the
 * platen window, inked according to pressure and skin condition, limited to the contact area, plus
 * sensor noise. 0 = ridge black, 255 = background, as FingerImage requires.
 */
export function renderImpression(
  master: MasterPrint,
  params: ImpressionParameters,
  size: ImpressionSize,
  ppi = 500,
): FingerImage {
  const { width, height } = size
  const random = createRandom(params.seed ^ 0x5bd1e995)
  const contact = contactRegion(master, params, random.fork('contact'))
  const dryNoise = createValueNoise(random.fork('dry'), master.width, master.height, 7)
  const blotch = createValueNoise(random.fork('blotch'), master.width, master.height, 40)
  const warpX = createValueNoise(random.fork('warp-x'), master.width, master.height, 120)
  const warpY = createValueNoise(random.fork('warp-y'), master.width, master.height, 120)
  const sensor = random.fork('sensor')
  const hard = hardEffects(master, params, random, size)
  const background = sensor.range(228, 250)
  const depth =
    (background - sensor.range(15, 45)) * (0.55 + 0.45 * Math.min(1, params.pressure * 1.6))
  const cos = Math.cos(-params.rotation)
  const sin = Math.sin(-params.rotation)
  const originX = width / 2 + params.dx
  const originY = height / 2 + params.dy
  const pixels = new Uint8Array(width * height)
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const ru = u - originX
      const rv = v - originY
      let x = master.padCentre.x + ru * cos - rv * sin
      let y = master.padCentre.y + ru * sin + rv * cos
      if (hard.plastic) {
        // The skin point seen here is where the distortion moved it from (one fixed-point step).
        const shift = plasticDisplacement(hard.plastic, x, y)
        x -= shift.dx
        y -= shift.dy
      }
      x += (warpX.at(x, y) - 0.5) * 2 * params.distortion
      y += (warpY.at(x, y) - 0.5) * 2 * params.distortion
      const { ridge, inside } = sampleRidges(master, x, y)
      let ink = 0
      if (inside > 0) {
        const ex = (x - contact.cx) / contact.rx
        const ey = (y - contact.cy) / contact.ry
        const radius = Math.sqrt(ex * ex + ey * ey) / contact.wobble(Math.atan2(ey, ex))
        const touch = smoothstep((1 - radius) * 8) * inside
        if (touch > 0) {
          ink = skinInk(params, hard, ridge, x, y, dryNoise)
          ink *= touch * (0.75 + 0.25 * blotch.at(x, y))
        }
      }
      const glow = hard.glow ? hard.glowDepth * hard.glow.at(u, v) : 0
      const value = background - glow - depth * ink + params.noise * sensor.gaussian()
      pixels[v * width + u] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value)
    }
  }
  return { width, height, ppi, pixels }
}

/** Ink (0 … 1) at a skin point in contact: ridges widened by pressure and moisture, broken by dry skin and marks. */
function skinInk(
  params: ImpressionParameters,
  hard: HardEffects,
  ridge: number,
  x: number,
  y: number,
  dryNoise: ValueNoise,
): number {
  let wetness = params.wetness
  if (hard.moisture) {
    const local = 1 - hard.moistureVariation + 2 * hard.moistureVariation * hard.moisture.at(x, y)
    wetness = Math.min(1, wetness * local)
  }
  // Pressure widens ridges (lower threshold); moisture fills valleys.
  const threshold = 0.35 - 0.7 * params.pressure - 0.8 * wetness
  let ink = smoothstep((ridge - threshold) * 1.6 + 0.5)
  if (params.dryness > 0) {
    const gap = smoothstep((dryNoise.at(x, y) - 1 + params.dryness) * 6)
    ink *= 1 - gap
  }
  if (hard.marks.length) ink *= 1 - markShade(hard.marks, x, y)
  return ink
}

/** A frame with nothing on the platen: background, a faint uneven glow and sensor noise. */
export function renderEmptyPlaten(seed: number, size: ImpressionSize, ppi = 500): FingerImage {
  const random = createRandom(seed)
  const glow = createValueNoise(random.fork('glow'), size.width, size.height, 64)
  const background = random.range(230, 250)
  const pixels = new Uint8Array(size.width * size.height)
  for (let v = 0; v < size.height; v++) {
    for (let u = 0; u < size.width; u++) {
      const value = background - 10 * glow.at(u, v) + 3 * random.gaussian()
      pixels[v * size.width + u] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value)
    }
  }
  return { width: size.width, height: size.height, ppi, pixels }
}
