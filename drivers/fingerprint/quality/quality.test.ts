import { describe, expect, it, vi } from 'vitest'
import type { FingerImage } from '../finger-image'
import {
  syntheticEmptyFrame,
  syntheticFingerImage,
  SYNTHETIC_SIZES,
  type ImpressionCondition,
} from '../synthetic'
import { computeBlockField, kioskQualityScore, selectQualityScore } from '.'

const capture = (
  condition: ImpressionCondition,
  attempt = 0,
  size: { width: number; height: number } = SYNTHETIC_SIZES.fap30,
) =>
  syntheticFingerImage({
    citizenId: '001099000010',
    finger: 'right-thumb',
    attempt,
    condition,
    size,
  })

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length

// Generating the master print takes a few seconds on a loaded two-core machine.
vi.setConfig({ testTimeout: 60_000 })

describe('kiosk quality score', () => {
  it('scores good captures high, labelled as our own algorithm', () => {
    for (const size of [SYNTHETIC_SIZES.r30x, SYNTHETIC_SIZES.fap30]) {
      const q = kioskQualityScore(capture('good', 0, size))
      expect(q.algorithm).toBe('kiosk-quality-score')
      expect(q.score).toBeGreaterThanOrEqual(60)
      expect(q.acceptable).toBe(true)
      expect(q.feedback).toEqual([])
      // A 500 ppi print has ridges about 8–11 px apart.
      expect(q.measures.ridgePeriod).toBeGreaterThanOrEqual(7.5)
      expect(q.measures.ridgePeriod).toBeLessThanOrEqual(12)
    }
  })

  it('gives an empty platen 0 and says there is no finger', () => {
    const q = kioskQualityScore(syntheticEmptyFrame(3))
    expect(q.score).toBe(0)
    expect(q.feedback).toEqual(['no-finger'])
  })

  it('ranks damaged captures below good ones and says why', () => {
    const good = mean([0, 1, 2].map((a) => kioskQualityScore(capture('good', a)).score))
    const smudged = [0, 1, 2].map((a) => kioskQualityScore(capture('smudged', a)))
    expect(mean(smudged.map((q) => q.score))).toBeLessThan(good - 20)
    expect(smudged.some((q) => q.feedback.includes('unclear-ridges'))).toBe(true)
    const dry = mean([0, 1, 2].map((a) => kioskQualityScore(capture('dry', a)).score))
    expect(dry).toBeLessThan(good - 15)
  })

  it('limits the score by finger area on a partial touch', () => {
    const partial = [0, 1, 2, 3].map((a) =>
      kioskQualityScore(capture('partial', a, SYNTHETIC_SIZES.r30x)),
    )
    expect(
      partial.some((q) => q.feedback.includes('small-area') || q.feedback.includes('no-finger')),
    ).toBe(true)
    expect(Math.min(...partial.map((q) => q.parts.area))).toBeLessThan(1)
  })

  it('loses contrast score when the image is washed out', () => {
    const image = capture('good')
    const faded: FingerImage = {
      ...image,
      pixels: image.pixels.map((v) => 235 + Math.round((v - 235) * 0.15)),
    }
    const q = kioskQualityScore(faded)
    expect(q.score).toBeLessThan(kioskQualityScore(image).score - 30)
    expect(q.feedback).toContain('low-contrast')
  })

  it('applies configured thresholds', () => {
    const image = capture('good')
    expect(kioskQualityScore(image, { accept: 100 }).acceptable).toBe(false)
    expect(kioskQualityScore(image, { goodForegroundMm2: 10_000 }).parts.area).toBeLessThan(0.1)
  })

  it('sizes blocks to the resolution', () => {
    const image = capture('good')
    expect(computeBlockField(image).blockSize).toBe(16)
    expect(computeBlockField({ ...image, ppi: 1000 }).blockSize).toBe(32)
  })
})

describe('choosing the quality score to act on', () => {
  it('prefers the device NFIQ 2 score and names the source', () => {
    const image = capture('good')
    expect(selectQualityScore({ deviceNfiq2: 37, image })).toEqual({
      score: 37,
      source: 'device-nfiq2',
    })
    expect(selectQualityScore({ deviceNfiq2: 0 })).toEqual({ score: 0, source: 'device-nfiq2' })
    const own = selectQualityScore({ image })
    expect(own).toEqual({ score: kioskQualityScore(image).score, source: 'kiosk-quality-score' })
    expect(selectQualityScore({ deviceNfiq2: null, image }).source).toBe('kiosk-quality-score')
    expect(selectQualityScore({ deviceNfiq2: 120, image }).source).toBe('kiosk-quality-score')
    expect(selectQualityScore({ deviceNfiq2: Number.NaN, image }).source).toBe(
      'kiosk-quality-score',
    )
    expect(() => selectQualityScore({})).toThrow(/No fingerprint quality score/)
  })
})
