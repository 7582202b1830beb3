import { CatalogueError, messageRef } from '../../../lib/messages'
import type { FingerImage } from '../finger-image'
import { KIOSK_QUALITY_ALGORITHM, kioskQualityScore, type QualityThresholds } from './kiosk-quality'

export type QualityScoreSource = 'device-nfiq2' | typeof KIOSK_QUALITY_ALGORITHM

export interface SelectedQualityScore {
  /** 0 … 100. */
  score: number
  /** Where the number came from; only 'device-nfiq2' may be reported as NFIQ 2. */
  source: QualityScoreSource
}

export interface QualityScoreInput {
  /** The NFIQ 2 score the device reported (SBI `qualityScore`), if any. */
  deviceNfiq2?: number | null
  /** The image, scored with the kiosk quality score when the device gave no NFIQ 2. */
  image?: FingerImage
  thresholds?: Partial<QualityThresholds>
}

/**
 * Picks the score to act on: a certified device's own NFIQ 2 when it reports one (0–100), else our
 * kiosk quality score of the image, always with its source named.
 */
export function selectQualityScore(input: QualityScoreInput): SelectedQualityScore {
  const device = input.deviceNfiq2
  if (typeof device === 'number' && Number.isFinite(device) && device >= 0 && device <= 100) {
    return { score: Math.round(device), source: 'device-nfiq2' }
  }
  if (!input.image) {
    throw new CatalogueError(messageRef('messages.fingerprint.noQualityScore'))
  }
  return {
    score: kioskQualityScore(input.image, input.thresholds).score,
    source: KIOSK_QUALITY_ALGORITHM,
  }
}
