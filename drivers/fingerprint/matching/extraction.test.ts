import { describe, expect, it } from 'vitest'
import type { FingerImage } from '../finger-image'
import { extractTemplate, type Minutia } from './minutiae'
import { thin } from './thinning'

const SIZE = 288
const PERIOD = 9

/**
 * Parallel ridges with minutiae planted as phase spirals (each ±1 turn of the ridge phase around a
 * point adds or removes one ridge there, as in Larkin and Fletcher's spiral-phase model). Charges
 * alternate so the ridges far from them stay parallel. `inverted` swaps ridges and valleys, which
 * turns every ending into a bifurcation.
 */
const PLANTED = [
  { x: 96, y: 96, charge: 1 },
  { x: 192, y: 96, charge: -1 },
  { x: 96, y: 192, charge: -1 },
  { x: 192, y: 192, charge: 1 },
]

function plantedImage(inverted: boolean): FingerImage {
  const pixels = new Uint8Array(SIZE * SIZE)
  const polarity = inverted ? -1 : 1
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let phase = (2 * Math.PI * y) / PERIOD + 0.3 * Math.sin(x / 40)
      for (const p of PLANTED) phase += p.charge * Math.atan2(y - p.y, x - p.x)
      pixels[y * SIZE + x] = Math.round(128 - polarity * 100 * Math.cos(phase))
    }
  }
  return { width: SIZE, height: SIZE, ppi: 500, pixels }
}

function nearest(minutiae: readonly Minutia[], x: number, y: number): Minutia | undefined {
  let best: Minutia | undefined
  for (const m of minutiae)
    if (!best || Math.hypot(m.x - x, m.y - y) < Math.hypot(best.x - x, best.y - y)) best = m
  return best
}

describe('minutiae extraction', () => {
  it.each([
    [false, 'ending'],
    [true, 'bifurcation'],
  ] as const)('finds the planted minutiae and nothing else (inverted %s: %s)', (inverted, type) => {
    const t = extractTemplate(plantedImage(inverted))
    expect(t.minutiae).toHaveLength(PLANTED.length)
    for (const p of PLANTED) {
      const m = nearest(t.minutiae, p.x, p.y)
      expect(m).toBeDefined()
      expect(Math.hypot((m?.x ?? 0) - p.x, (m?.y ?? 0) - p.y)).toBeLessThanOrEqual(6)
      expect(m?.type).toBe(type)
      // The ridges run across the image (θ ≈ 0 or π): the minutia direction follows them.
      expect(Math.abs(Math.sin(m?.angle ?? 1))).toBeLessThan(0.2)
    }
  })

  it('thins every ridge of the planted image to lines one pixel wide', () => {
    const image = plantedImage(false)
    const binary = new Uint8Array(SIZE * SIZE)
    for (let p = 0; p < binary.length; p++) binary[p] = (image.pixels[p] ?? 255) < 128 ? 1 : 0
    thin(binary, SIZE, SIZE)
    // Away from the minutiae each column crosses every ridge once: one set pixel per ridge.
    const x = 144
    let runs = 0
    for (let y = 20; y < SIZE - 20; y++) {
      const here = binary[y * SIZE + x] ?? 0
      expect(here + (binary[(y + 1) * SIZE + x] ?? 0)).toBeLessThanOrEqual(1)
      runs += here
    }
    expect(runs).toBeGreaterThanOrEqual(Math.floor((SIZE - 40) / PERIOD) - 1)
    expect(runs).toBeLessThanOrEqual(Math.ceil((SIZE - 40) / PERIOD) + 1)
  })
})
