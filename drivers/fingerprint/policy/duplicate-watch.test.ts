import { describe, expect, it, vi } from 'vitest'
import { FINGER_NAMES, type FingerImage, type FingerName } from '../finger-image'
import { SAME_FINGER_THRESHOLD } from '../matching'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../synthetic'
import { DuplicateWatch } from './duplicate-watch'
import { findDuplicateFingers } from './duplicates'

vi.setConfig({ testTimeout: 300_000 })

const citizenId = '001099000031'
const take = (finger: FingerName, attempt = 0): FingerImage =>
  syntheticFingerImage({ citizenId, finger, attempt, size: SYNTHETIC_SIZES.r30x })

// The citizen presents the right index again for the right middle, and the left thumb for the left index.
const presented = new Map<FingerName, FingerImage>(
  FINGER_NAMES.map((f) => {
    if (f === 'right-middle') return [f, take('right-index', 1)]
    if (f === 'left-index') return [f, take('left-thumb', 2)]
    return [f, take(f)]
  }),
)
// An arrival order unlike ISO order, so the test shows the order does not matter.
const arrival: FingerName[] = [
  'left-little',
  'right-middle',
  'left-thumb',
  'right-thumb',
  'left-index',
  'right-ring',
  'left-ring',
  'right-index',
  'left-middle',
  'right-little',
]

describe('DuplicateWatch', () => {
  it('finds the same pairs and scores as the all-pairs check, whatever the arrival order', () => {
    const allPairs = findDuplicateFingers(presented, SAME_FINGER_THRESHOLD)
    expect(allPairs.map((d) => `${d.a}=${d.b}`).sort()).toEqual([
      'left-thumb=left-index',
      'right-index=right-middle',
    ])
    const watch = new DuplicateWatch(SAME_FINGER_THRESHOLD)
    const reported: string[] = []
    for (const f of arrival) {
      const image = presented.get(f)
      if (!image) throw new Error(f)
      for (const d of watch.add(f, image)) reported.push(`${d.a}=${d.b}@${f}`)
    }
    expect(watch.pairs()).toEqual(allPairs)
    // Each pair is reported once its second finger arrives, not only at the end.
    expect(reported.sort()).toEqual([
      'left-thumb=left-index@left-index',
      'right-index=right-middle@right-index',
    ])
  })

  it('drops a pair when one of its fingers is recaptured or removed', () => {
    const watch = new DuplicateWatch(SAME_FINGER_THRESHOLD)
    watch.add('right-index', take('right-index'))
    expect(watch.add('right-middle', take('right-index', 1))).toEqual([
      expect.objectContaining({ a: 'right-index', b: 'right-middle' }),
    ])
    expect(watch.add('right-middle', take('right-middle'))).toEqual([])
    expect(watch.pairs()).toEqual([])
    watch.add('right-ring', take('right-index', 2))
    expect(watch.pairsOf('right-index').map((d) => d.b)).toEqual(['right-ring'])
    watch.remove('right-ring')
    expect(watch.pairs()).toEqual([])
    expect(watch.imageOf('right-ring')).toBeUndefined()
  })
})
