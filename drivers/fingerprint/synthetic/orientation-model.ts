import type { Random } from './random'

/** Henry-style pattern classes the generator draws from. */
export type FingerprintClass = 'arch' | 'tented-arch' | 'left-loop' | 'right-loop' | 'whorl'

export interface Point {
  x: number
  y: number
}

export interface SingularPoints {
  cores: Point[]
  deltas: Point[]
}

/** A smooth random wobble added to the ideal field so no two prints of one class are alike. */
interface Wave {
  kx: number
  ky: number
  phase: number
  amplitude: number
}

export interface OrientationModel {
  fingerClass: FingerprintClass
  singular: SingularPoints
  /** Ridge direction (radians, modulo π) at a point of the master canvas. */
  orientationAt(x: number, y: number): number
  /** Ridge period (pixels at 500 ppi) at a point of the master canvas. */
  periodAt(x: number, y: number): number
}

function randomWaves(
  random: Random,
  count: number,
  amplitude: number,
  minWavelength: number,
): Wave[] {
  const waves: Wave[] = []
  for (let i = 0; i < count; i++) {
    const wavelength = random.range(minWavelength, minWavelength * 2.5)
    const direction = random.range(0, Math.PI * 2)
    waves.push({
      kx: (Math.cos(direction) * 2 * Math.PI) / wavelength,
      ky: (Math.sin(direction) * 2 * Math.PI) / wavelength,
      phase: random.range(0, Math.PI * 2),
      amplitude: amplitude * random.range(0.5, 1),
    })
  }
  return waves
}

function waveSum(waves: readonly Wave[], x: number, y: number): number {
  let s = 0
  for (const w of waves) s += w.amplitude * Math.sin(w.kx * x + w.ky * y + w.phase)
  return s
}

/**
 * Places singular points for the class around the pad centre and returns the orientation field of the
 * Sherlock–Monro zero-pole model: θ(z) = ½·(Σ arg(z − core) − Σ arg(z − delta)). Arches have no
 * singular points and use a bump-shaped field instead.
 */
export function createOrientationModel(
  fingerClass: FingerprintClass,
  centre: Point,
  random: Random,
): OrientationModel {
  const cores: Point[] = []
  const deltas: Point[] = []
  const cx = centre.x + random.range(-14, 14)
  const cy = centre.y + random.range(-24, 16)
  switch (fingerClass) {
    case 'left-loop':
    case 'right-loop': {
      const side = fingerClass === 'left-loop' ? 1 : -1
      cores.push({ x: cx, y: cy })
      deltas.push({ x: cx + side * random.range(75, 125), y: cy + random.range(95, 145) })
      break
    }
    case 'whorl': {
      const tilt = random.range(-0.6, 0.6)
      const gap = random.range(10, 26)
      cores.push({ x: cx - gap * Math.cos(tilt), y: cy - gap * Math.sin(tilt) })
      cores.push({ x: cx + gap * Math.cos(tilt), y: cy + gap * Math.sin(tilt) })
      deltas.push({ x: cx - random.range(95, 135), y: cy + random.range(100, 150) })
      deltas.push({ x: cx + random.range(95, 135), y: cy + random.range(100, 150) })
      break
    }
    case 'tented-arch':
      cores.push({ x: cx, y: cy })
      deltas.push({ x: cx + random.range(-10, 10), y: cy + random.range(55, 85) })
      break
    case 'arch':
      break
  }
  const waves = randomWaves(random, 3, 0.06, 140)
  const periodWaves = randomWaves(random, 2, 0.5, 120)
  const basePeriod = random.range(8.4, 10.2)
  const archHeight = random.range(0.5, 1.1)
  const archWidth = random.range(70, 110)
  const archRow = cy + random.range(-20, 30)

  const orientationAt = (x: number, y: number): number => {
    let theta = 0
    if (fingerClass === 'arch') {
      // Ridges y = y0 − h·exp(−(x−cx)²/2s²), highest in the middle rows of the pad.
      const u = (x - cx) / archWidth
      const h = archHeight * Math.exp(-(((y - archRow) / 150) ** 2))
      theta = Math.atan(h * u * Math.exp(-0.5 * u * u))
    } else {
      for (const c of cores) theta += 0.5 * Math.atan2(y - c.y, x - c.x)
      for (const d of deltas) theta -= 0.5 * Math.atan2(y - d.y, x - d.x)
    }
    return theta + waveSum(waves, x, y)
  }
  const periodAt = (x: number, y: number): number => basePeriod + waveSum(periodWaves, x, y)
  return { fingerClass, singular: { cores, deltas }, orientationAt, periodAt }
}

/** Class frequencies roughly as in large ten-print collections; ulnar loops lean with the hand. */
export function drawFingerprintClass(
  random: Random,
  hand: 'right' | 'left' | 'unknown',
): FingerprintClass {
  const u = random.next()
  if (u < 0.04) return 'arch'
  if (u < 0.08) return 'tented-arch'
  if (u < 0.38) return 'whorl'
  const ulnar = hand === 'left' ? 'left-loop' : 'right-loop'
  const radial = hand === 'left' ? 'right-loop' : 'left-loop'
  if (hand === 'unknown') return u < 0.69 ? 'left-loop' : 'right-loop'
  return u < 0.9 ? ulnar : radial
}
