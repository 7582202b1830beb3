import { describe, expect, it, vi } from 'vitest'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../synthetic'
import { measureMatcherAccuracy } from './accuracy'
import { compareTemplates, extractTemplate, matchTemplates, SAME_FINGER_THRESHOLD } from '.'
import { thin } from './thinning'

// Master prints take a few seconds each on a loaded two-core machine.
vi.setConfig({ testTimeout: 300_000 })

describe('thinning', () => {
  it('reduces a thick bar to a one-pixel line along its middle', () => {
    const width = 30
    const height = 12
    const binary = new Uint8Array(width * height)
    for (let y = 3; y <= 8; y++) for (let x = 3; x <= 26; x++) binary[y * width + x] = 1
    thin(binary, width, height)
    for (let x = 8; x <= 21; x++) {
      const column = [...Array(height).keys()].filter((y) => binary[y * width + x])
      expect(column).toHaveLength(1)
      expect(column[0]).toBeGreaterThanOrEqual(5)
      expect(column[0]).toBeLessThanOrEqual(6)
    }
  })
})

describe('minutiae matcher', () => {
  const capture = (finger: 'left-index' | 'left-middle', attempt: number) =>
    syntheticFingerImage({ citizenId: '001099000020', finger, attempt, size: SYNTHETIC_SIZES.r30x })

  it('finds a plausible number of minutiae inside the finger area', () => {
    const t = extractTemplate(capture('left-index', 0))
    expect(t.minutiae.length).toBeGreaterThan(15)
    expect(t.minutiae.length).toBeLessThan(150)
    for (const m of t.minutiae) {
      expect(t.area[Math.floor(m.y / t.blockSize) * t.cols + Math.floor(m.x / t.blockSize)]).toBe(1)
      expect(m.angle).toBeGreaterThanOrEqual(0)
      expect(m.angle).toBeLessThan(2 * Math.PI + 1e-9)
    }
  })

  it('recovers a known shift and rotation of the same minutiae', () => {
    const a = extractTemplate(capture('left-index', 0))
    const rotation = 0.2
    const moved = {
      ...a,
      minutiae: a.minutiae.map((m) => ({
        ...m,
        x: m.x * Math.cos(rotation) - m.y * Math.sin(rotation) + 15,
        y: m.x * Math.sin(rotation) + m.y * Math.cos(rotation) - 10,
        angle: m.angle + rotation,
      })),
      area: new Uint8Array(a.area.length).fill(1),
    }
    const r = matchTemplates(a, moved)
    expect(r.matched).toBeGreaterThan(a.minutiae.length * 0.9)
    expect(r.rotation).toBeCloseTo(rotation, 5)
    expect(r.dx).toBeCloseTo(15, 3)
    expect(r.dy).toBeCloseTo(-10, 3)
  })

  it('tells two touches of one finger from two different fingers', () => {
    const first = extractTemplate(capture('left-index', 0))
    const second = extractTemplate(capture('left-index', 1))
    const other = extractTemplate(capture('left-middle', 0))
    expect(compareTemplates(first, second).sameFinger).toBe(true)
    expect(compareTemplates(first, other).sameFinger).toBe(false)
    expect(compareTemplates(first, { ...first, minutiae: [] }).score).toBe(0)
  })

  // The benchmark (tests/bench/fp-pipeline.ts) measures the same thing on ≥ 1000 pairs.
  it('stays within the stated error bounds on a small deterministic sample', () => {
    const report = measureMatcherAccuracy(
      { fingers: 8, impressionsPerFinger: 3, size: SYNTHETIC_SIZES.r30x, label: 'unit-test' },
      SAME_FINGER_THRESHOLD,
    )
    expect(report.genuinePairs).toBe(24)
    expect(report.impostorPairs).toBe(28)
    // Bound: FMR 0 and FNMR ≤ 1/12 on this sample.
    expect(report.falseMatches).toBe(0)
    expect(report.fnmr).toBeLessThanOrEqual(1 / 12)
  })
})
