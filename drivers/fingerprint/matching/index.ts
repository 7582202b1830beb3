import type { FingerImage } from '../finger-image'
import { extractTemplate, type FingerTemplate } from './minutiae'
import { matchTemplates, type MatchOptions, type MatchResult } from './match'

export { createGaborBank, orientedFilter, type GaborBank, type GaborBankOptions } from './gabor'
export { extractTemplate, type FingerTemplate, type Minutia, type MinutiaType } from './minutiae'
export { matchTemplates, type MatchOptions, type MatchResult } from './match'

/**
 * Score at or above which two impressions are taken to be the same finger. Chosen from the synthetic
 * benchmark (tests/bench/fp-pipeline.ts): genuine pairs score mostly above 0.45, different fingers
 * below 0.25.
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
