export { computeBlockField, type BlockField, type BlockFieldOptions } from './block-field'
export {
  DEFAULT_QUALITY_THRESHOLDS,
  KIOSK_QUALITY_ALGORITHM,
  KIOSK_QUALITY_VERSION,
  kioskQualityScore,
  QUALITY_WEIGHTS,
  type KioskQuality,
  type QualityFeedback,
  type QualityMeasures,
  type QualityThresholds,
} from './kiosk-quality'
export {
  selectQualityScore,
  type QualityScoreInput,
  type QualityScoreSource,
  type SelectedQualityScore,
} from './score-source'
