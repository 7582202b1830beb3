import { describe, expect, it } from 'vitest'
import {
  inverseSigmoid,
  luminanceMeanScalar,
  luminanceVarianceScalar,
  poseScalar,
  sigmoidScalar,
} from './mapping'

// The worked examples of research/portrait.md §1.3, computed from OFIQ's shipped parameters.
describe('OFIQ mappings', () => {
  it('maps inter-eye distance with x0 70, w 20', () => {
    const ied = (px: number): number => sigmoidScalar(px, { x0: 70, w: 20 })
    expect([ied(60), ied(70), ied(90), ied(120)]).toEqual([38, 50, 73, 92])
  })

  it('maps head size on the distance from 0.45 (inverse, h 200)', () => {
    const size = (raw: number): number =>
      sigmoidScalar(Math.abs(raw - 0.45), inverseSigmoid(0, 0.05, 200))
    expect([size(0.45), size(0.4), size(0.35)]).toEqual([100, 54, 24])
  })

  it('maps head pose as cos² of the angle', () => {
    expect([poseScalar(5), poseScalar(10), poseScalar(20), poseScalar(30)]).toEqual([
      99, 97, 88, 75,
    ])
    expect(poseScalar(-20)).toBe(poseScalar(20))
    expect(poseScalar(120)).toBe(0)
  })

  it('maps luminance mean to a plateau between 0.2 and 0.8', () => {
    expect(luminanceMeanScalar(0.5)).toBe(100)
    expect(luminanceMeanScalar(0.2)).toBe(50)
    expect(luminanceMeanScalar(0.8)).toBe(50)
    expect(luminanceMeanScalar(0.05)).toBeLessThan(6)
  })

  it('maps luminance variance with the sine form', () => {
    expect(luminanceVarianceScalar(0)).toBe(0)
    expect(luminanceVarianceScalar(1 / 60)).toBe(100)
  })

  it('clamps and rounds, and never returns NaN', () => {
    expect(sigmoidScalar(Number.NaN, { x0: 0, w: 1 })).toBe(0)
    expect(sigmoidScalar(1e9, { x0: 0, w: 1, h: 500 })).toBe(100)
  })
})
