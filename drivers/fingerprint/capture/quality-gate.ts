import type { FingerImage } from '../finger-image'
import {
  DEFAULT_QUALITY_THRESHOLDS,
  KIOSK_QUALITY_ALGORITHM,
  kioskQualityScore,
  selectQualityScore,
  type QualityScoreSource,
  type QualityThresholds,
} from '../quality'

export interface QualityVerdict {
  /** 0 … 100. */
  score: number
  /** 'device-nfiq2' only when the device computed NFIQ 2; otherwise our own score, never NFIQ 2. */
  source: QualityScoreSource
  acceptable: boolean
  /** Hints for the officer ('small-area', 'too-dark', …); empty for device scores. */
  feedback: string[]
}

export type QualityGate = (image: FingerImage, deviceNfiq2: number | null) => QualityVerdict

/** Scores with the device's NFIQ 2 when it gave one, else with the kiosk quality score. */
export function createQualityGate(thresholds: Partial<QualityThresholds> = {}): QualityGate {
  const accept = thresholds.accept ?? DEFAULT_QUALITY_THRESHOLDS.accept
  return (image, deviceNfiq2) => {
    if (deviceNfiq2 !== null) {
      const selected = selectQualityScore({ deviceNfiq2, image, thresholds })
      if (selected.source === 'device-nfiq2') {
        return { ...selected, acceptable: selected.score >= accept, feedback: [] }
      }
    }
    const quality = kioskQualityScore(image, thresholds)
    return {
      score: quality.score,
      source: KIOSK_QUALITY_ALGORITHM,
      acceptable: quality.acceptable,
      feedback: quality.feedback,
    }
  }
}
