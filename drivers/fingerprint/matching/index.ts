import type { FingerImage } from '../finger-image'
import { extractTemplate, type FingerTemplate } from './minutiae'
import { matchTemplates, type MatchOptions, type MatchResult } from './match'

export { createGaborBank, orientedFilter, type GaborBank, type GaborBankOptions } from './gabor'
export { extractTemplate, type FingerTemplate, type Minutia, type MinutiaType } from './minutiae'
export { matchTemplates, type MatchOptions, type MatchResult } from './match'

/**
 * Score at or above which two impressions are taken to be the same finger. Chosen on the synthetic
 * benchmark (tests/bench/fp-pipeline.ts, 400×500, 100 fingers × 4 touches): 0 of 4950 different-finger
 * pairs reached it (highest 0.27), 3 of 300 full-contact same-finger pairs fell below it; pairs with a
 * partial touch fall below it far more often (15–31 %), as their common area holds few minutiae.
 */
export const SAME_FINGER_THRESHOLD = 0.3

export interface SameFingerDecision extends MatchResult {
  sameFinger: boolean
}

/** Compares two templates and applies the threshold. */
export function compareTemplates(
  a: FingerTemplate,
  b: FingerTemplate,
  threshold = SAME_FINGER_THRESHOLD,
  options?: MatchOptions,
): SameFingerDecision {
  const result = matchTemplates(a, b, options)
  return { ...result, sameFinger: result.score >= threshold }
}

/** Convenience for two images (extracts both templates). */
export function compareImages(a: FingerImage, b: FingerImage, threshold = SAME_FINGER_THRESHOLD) {
  return compareTemplates(extractTemplate(a), extractTemplate(b), threshold)
}
