import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'

const settings = { backoffBaseMs: 1000, backoffMaxMs: 60_000 }

describe('backoff', () => {
  it('doubles per attempt, with half of each step left to jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ])
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 0.999999))).toEqual([
      1000, 2000, 4000, 8000,
    ])
  })

  it('never exceeds the cap and never falls under half the step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(attempt, settings, () => r)
          const step = Math.min(60_000, 1000 * 2 ** (Math.max(attempt, 1) - 1))
          expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2))
          expect(delay).toBeLessThanOrEqual(60_000)
        },
      ),
    )
  })
})
