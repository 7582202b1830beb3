import {
  drawImpressionParameters,
  generateMasterPrint,
  hashSeed,
  renderImpression,
  type ImpressionCondition,
  type ImpressionSize,
} from '../synthetic'
import { matchTemplates } from './match'
import { extractTemplate, type FingerTemplate } from './minutiae'

export interface AccuracySample {
  /** Distinct synthetic fingers (master prints). */
  fingers: number
  impressionsPerFinger: number
  size: ImpressionSize
  /** Names the sample; the same label always gives the same prints. */
  label: string
  /** Conditions of the impressions, cycled by impression index. Default all 'good'. */
  conditions?: readonly ImpressionCondition[]
  /** Impostor comparisons: every pair of fingers (first vs second impression), or at most this many. */
  maxImpostorPairs?: number
}

export interface AccuracyReport {
  threshold: number
  genuinePairs: number
  impostorPairs: number
  falseNonMatches: number
  falseMatches: number
  /** False non-match rate: same-finger pairs scored below the threshold. */
  fnmr: number
  /** False match rate: different-finger pairs scored at or above the threshold. */
  fmr: number
  genuineScores: number[]
  impostorScores: number[]
  /** Same-finger pairs by the conditions of their two impressions, e.g. "good+partial". */
  genuineByConditions: Record<string, { pairs: number; falseNonMatches: number }>
  /** Milliseconds spent generating prints, extracting templates, matching. */
  timings: { generate: number; extract: number; match: number }
}

/**
 * Measures the matcher on synthetic prints: every pair of impressions of one finger is a genuine
 * pair, impressions of two different fingers an impostor pair. Deterministic in the sample.
 */
export function measureMatcherAccuracy(sample: AccuracySample, threshold: number): AccuracyReport {
  const conditions = sample.conditions ?? ['good']
  const timings = { generate: 0, extract: 0, match: 0 }
  const templates: FingerTemplate[][] = []
  const conditionOf = (k: number): ImpressionCondition =>
    conditions[k % conditions.length] ?? 'good'
  for (let f = 0; f < sample.fingers; f++) {
    let t0 = performance.now()
    const master = generateMasterPrint(hashSeed('accuracy-master', sample.label, f))
    const images = []
    for (let k = 0; k < sample.impressionsPerFinger; k++) {
      const condition = conditionOf(k)
      const params = drawImpressionParameters(
        hashSeed('accuracy-impression', sample.label, f, k),
        condition,
      )
      images.push(renderImpression(master, params, sample.size))
    }
    timings.generate += performance.now() - t0
    t0 = performance.now()
    templates.push(images.map((image) => extractTemplate(image)))
    timings.extract += performance.now() - t0
  }
  const t0 = performance.now()
  const genuineScores: number[] = []
  const genuineByConditions: AccuracyReport['genuineByConditions'] = {}
  for (const impressions of templates) {
    for (let a = 0; a < impressions.length; a++) {
      for (let b = a + 1; b < impressions.length; b++) {
        const x = impressions[a]
        const y = impressions[b]
        if (!x || !y) continue
        const score = matchTemplates(x, y).score
        genuineScores.push(score)
        const key = [conditionOf(a), conditionOf(b)].sort().join('+')
        const entry = (genuineByConditions[key] ??= { pairs: 0, falseNonMatches: 0 })
        entry.pairs++
        if (score < threshold) entry.falseNonMatches++
      }
    }
  }
  const impostorScores: number[] = []
  const limit = sample.maxImpostorPairs ?? Number.POSITIVE_INFINITY
  outer: for (let f = 0; f < templates.length; f++) {
    for (let g = f + 1; g < templates.length; g++) {
      if (impostorScores.length >= limit) break outer
      const x = templates[f]?.[0]
      const y = templates[g]?.[Math.min(1, sample.impressionsPerFinger - 1)]
      if (x && y) impostorScores.push(matchTemplates(x, y).score)
    }
  }
  timings.match = performance.now() - t0
  const falseNonMatches = genuineScores.filter((s) => s < threshold).length
  const falseMatches = impostorScores.filter((s) => s >= threshold).length
  return {
    threshold,
    genuinePairs: genuineScores.length,
    impostorPairs: impostorScores.length,
    falseNonMatches,
    falseMatches,
    fnmr: genuineScores.length ? falseNonMatches / genuineScores.length : 0,
    fmr: impostorScores.length ? falseMatches / impostorScores.length : 0,
    genuineScores,
    impostorScores,
    genuineByConditions,
    timings,
  }
}
