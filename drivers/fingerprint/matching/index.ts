import type { FingerImage } from '../finger-image'
import { extractTemplate, type FingerTemplate } from './minutiae'
import { matchTemplates, type MatchOptions, type MatchResult } from './match'

export { createGaborBank, orientedFilter, type GaborBank, type GaborBankOptions } from './gabor'
export { extractTemplate, type FingerTemplate, type Minutia, type MinutiaType } from './minutiae'
export { matchTemplates, type MatchOptions, type MatchResult } from './match'

/**
 * Score at or above which two impressions are taken to be the same finger, one for every kind of
 * touch (the score already accounts for the common area, match.ts). On the hard synthetic set
 * (tests/bench/fp-accuracy.ts, 90 fingers × 5 touches, 100 125 different-finger pairs) none reached
 * it (highest 0.237; FMR 0.01 % falls at 0.186); same-finger FNMR at it runs from 0 % (good+good)
 * to 10 % (good+partial) and 26 % (wet+dry): drivers/fingerprint/README.md has every figure.
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
