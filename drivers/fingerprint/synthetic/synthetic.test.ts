import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  createRandom,
  drawImpressionParameters,
  fingerSeed,
  generateMasterPrint,
  hashSeed,
  renderImpression,
  syntheticEmptyFrame,
  syntheticFingerImage,
  SYNTHETIC_SIZES,
  type FingerprintClass,
} from '.'
import type { FingerImage } from '../finger-image'
import { createOrientationModel } from './orientation-model'

/** Share of pixels darker than mid-grey: ridges. */
function inkShare(image: FingerImage): number {
  let dark = 0
  for (const v of image.pixels) if (v < 128) dark++
  return dark / image.pixels.length
}

function differingPixels(a: FingerImage, b: FingerImage): number {
  let n = 0
  for (let i = 0; i < a.pixels.length; i++) if (a.pixels[i] !== b.pixels[i]) n++
  return n / a.pixels.length
}

// Generating a master print takes a few seconds on a loaded two-core machine.
vi.setConfig({ testTimeout: 60_000 })

afterEach(() => {
  vi.restoreAllMocks()
})

describe('seeded randomness', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = createRandom(42)
    const b = createRandom(42)
    const c = createRandom(43)
    const xs = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs)
    expect(hashSeed('a', 1)).toBe(hashSeed('a', 1))
    expect(hashSeed('a', 1)).not.toBe(hashSeed('a1'))
  })
})

describe('synthetic fingerprints', () => {
  it('are pure functions of citizen, finger and attempt, without Math.random', () => {
    const random = vi.spyOn(Math, 'random')
    const capture = {
      citizenId: '001099000001',
      finger: 'right-index',
      attempt: 2,
      size: SYNTHETIC_SIZES.r30x,
    } as const
    const a = syntheticFingerImage(capture)
    const b = renderImpression(
      generateMasterPrint(fingerSeed(capture.citizenId, capture.finger), { hand: 'right' }),
      drawImpressionParameters(hashSeed('impression', capture.citizenId, 2, 2, 'good')),
      SYNTHETIC_SIZES.r30x,
    )
    expect(random).not.toHaveBeenCalled()
    expect(Buffer.compare(a.pixels, syntheticFingerImage(capture).pixels)).toBe(0)
    expect(Buffer.compare(a.pixels, b.pixels)).toBe(0)
    expect(differingPixels(a, syntheticFingerImage({ ...capture, attempt: 3 }))).toBeGreaterThan(
      0.3,
    )
    expect(
      differingPixels(a, syntheticFingerImage({ ...capture, finger: 'right-middle' })),
    ).toBeGreaterThan(0.3)
  })

  it('deliver the scanner sizes with ridges on a light background', () => {
    for (const size of [SYNTHETIC_SIZES.r30x, SYNTHETIC_SIZES.fap30]) {
      const image = syntheticFingerImage({ citizenId: '001099000002', finger: 'left-thumb', size })
      expect([image.width, image.height, image.ppi, image.pixels.length]).toEqual([
        size.width,
        size.height,
        500,
        size.width * size.height,
      ])
      expect(inkShare(image)).toBeGreaterThan(0.15)
      expect(inkShare(image)).toBeLessThan(0.7)
    }
    expect(inkShare(syntheticEmptyFrame(1))).toBe(0)
  })

  it('place singular points according to the pattern class', () => {
    const expected: Record<FingerprintClass, [number, number]> = {
      arch: [0, 0],
      'tented-arch': [1, 1],
      'left-loop': [1, 1],
      'right-loop': [1, 1],
      whorl: [2, 2],
    }
    const centre = { x: 224, y: 260 }
    for (const [fingerClass, [cores, deltas]] of Object.entries(expected)) {
      const model = createOrientationModel(fingerClass as FingerprintClass, centre, createRandom(7))
      expect([model.singular.cores.length, model.singular.deltas.length]).toEqual([cores, deltas])
    }
    const left = createOrientationModel('left-loop', centre, createRandom(8)).singular
    const right = createOrientationModel('right-loop', centre, createRandom(8)).singular
    // The delta sits opposite the side the loop opens to.
    expect(left.deltas[0]!.x).toBeGreaterThan(left.cores[0]!.x)
    expect(right.deltas[0]!.x).toBeLessThan(right.cores[0]!.x)
  })

  it('vary contact with the condition of the touch', () => {
    const base = {
      citizenId: '001099000003',
      finger: 'left-index',
      size: SYNTHETIC_SIZES.fap30,
    } as const
    const good = inkShare(syntheticFingerImage({ ...base, condition: 'good' }))
    expect(inkShare(syntheticFingerImage({ ...base, condition: 'partial' }))).toBeLessThan(
      good * 0.7,
    )
    expect(inkShare(syntheticFingerImage({ ...base, condition: 'dry' }))).toBeLessThan(good * 0.8)
    expect(inkShare(syntheticFingerImage({ ...base, condition: 'wet' }))).toBeGreaterThan(good)
  })
})
