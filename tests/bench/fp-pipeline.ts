import { performance } from 'node:perf_hooks'
import type { FingerImage, FingerName } from '../../drivers/fingerprint/finger-image'
import { FINGER_NAMES } from '../../drivers/fingerprint/finger-image'
import { extractTemplate, SAME_FINGER_THRESHOLD } from '../../drivers/fingerprint/matching'
import {
  measureMatcherAccuracy,
  type AccuracyReport,
} from '../../drivers/fingerprint/matching/accuracy'
import { DuplicateWatch, findDuplicateFingers } from '../../drivers/fingerprint/policy'
import { kioskQualityScore } from '../../drivers/fingerprint/quality'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../../drivers/fingerprint/synthetic'
import { formatTiming, time } from './stats'

export interface PipelineBenchOptions {
  /** Synthetic fingers for the accuracy figure (each gives `impressions` impressions). */
  fingers?: number
  impressions?: number
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

export function formatAccuracy(label: string, r: AccuracyReport): string[] {
  const g = [...r.genuineScores].sort((a, b) => a - b)
  const i = [...r.impostorScores].sort((a, b) => a - b)
  return [
    `${label}: ${r.genuinePairs} same-finger + ${r.impostorPairs} different-finger pairs, threshold ${r.threshold}`,
    `  FNMR ${(100 * r.fnmr).toFixed(2)} % (${r.falseNonMatches}/${r.genuinePairs})  FMR ${(100 * r.fmr).toFixed(3)} % (${r.falseMatches}/${r.impostorPairs})`,
    `  same-finger scores min ${quantile(g, 0).toFixed(3)} p5 ${quantile(g, 0.05).toFixed(3)} median ${quantile(g, 0.5).toFixed(3)}`,
    `  different-finger scores median ${quantile(i, 0.5).toFixed(3)} p99.9 ${quantile(i, 0.999).toFixed(3)} max ${quantile(i, 1).toFixed(3)}`,
    ...Object.entries(r.genuineByConditions).map(
      ([key, c]) =>
        `  same-finger ${key}: FNMR ${((100 * c.falseNonMatches) / c.pairs).toFixed(2)} % (${c.falseNonMatches}/${c.pairs})`,
    ),
    `  generate ${(r.timings.generate / 1000).toFixed(1)} s, extract ${(r.timings.extract / 1000).toFixed(1)} s, match ${(r.timings.match / 1000).toFixed(1)} s`,
  ]
}

/**
 * The duplicate-finger check over ten 400×500 fingers: all at once, and incrementally as each finger
 * arrives (DuplicateWatch: one extraction and at most nine comparisons per finger), with the cost of
 * each arriving finger.
 */
export async function runDuplicateCheckBench(print: (line: string) => void): Promise<void> {
  const ten = new Map<FingerName, FingerImage>()
  for (const finger of FINGER_NAMES)
    ten.set(finger, syntheticFingerImage({ citizenId: 'bench-citizen', finger }))
  // Fresh image objects each run, so the template cache cannot hide the extraction cost.
  const fresh = () => new Map([...ten].map(([f, image]) => [f, { ...image }] as const))
  print(
    formatTiming(
      'duplicate check, ten fingers 400×500',
      await time(() => findDuplicateFingers(fresh(), SAME_FINGER_THRESHOLD), 3, 1),
    ),
  )
  // The incremental watch: each capture costs one extraction and at most nine comparisons.
  const perFinger: number[] = []
  const watchTen = () => {
    const watch = new DuplicateWatch(SAME_FINGER_THRESHOLD)
    perFinger.length = 0
    for (const [finger, image] of fresh()) {
      const start = performance.now()
      watch.add(finger, image)
      perFinger.push(performance.now() - start)
    }
    return watch.pairs()
  }
  print(formatTiming('duplicate watch, ten fingers added', await time(watchTen, 3, 1)))
  print(
    `duplicate watch per finger (last run): ${perFinger.map((ms) => ms.toFixed(0)).join(' ')} ms; worst ${Math.max(...perFinger).toFixed(0)} ms`,
  )
  const duplicated = fresh()
  duplicated.set(
    'right-middle',
    syntheticFingerImage({ citizenId: 'bench-citizen', finger: 'right-index', attempt: 1 }),
  )
  const found = findDuplicateFingers(duplicated, SAME_FINGER_THRESHOLD)
  print(
    `duplicate check finds right index presented as right middle: ${found.map((d) => `${d.a}=${d.b} (${d.score.toFixed(2)})`).join(', ') || 'none'}`,
  )
}

/**
 * Fingerprint pipeline figures: quality per frame (goal ≤ 10 ms at 400×500), template extraction,
 * the duplicate-finger check over ten fingers, and the matcher's accuracy on synthetic pairs.
 */
export async function runFingerprintPipelineBench(
  print: (line: string) => void,
  options: PipelineBenchOptions = {},
): Promise<void> {
  for (const [name, size] of Object.entries(SYNTHETIC_SIZES)) {
    const image = syntheticFingerImage({ citizenId: 'bench-citizen', finger: 'right-index', size })
    const label = `${size.width}×${size.height}`
    print(
      formatTiming(
        `quality score ${label} (${name})`,
        await time(() => kioskQualityScore(image), 200),
      ),
    )
    print(
      formatTiming(`template extraction ${label}`, await time(() => extractTemplate(image), 20, 3)),
    )
  }

  await runDuplicateCheckBench(print)

  const report = measureMatcherAccuracy(
    {
      fingers: options.fingers ?? 100,
      impressionsPerFinger: options.impressions ?? 4,
      size: SYNTHETIC_SIZES.fap30,
      label: 'bench',
      conditions: ['good', 'wet', 'good', 'partial'],
    },
    SAME_FINGER_THRESHOLD,
  )
  for (const line of formatAccuracy('matcher accuracy, 400×500, good/wet/partial touches', report))
    print(line)
}
