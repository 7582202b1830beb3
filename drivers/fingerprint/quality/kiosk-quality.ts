import type { FingerImage } from '../finger-image'
import { computeBlockField, type BlockField } from './block-field'

/**
 * The kiosk quality score: our own 0–100 measure in the spirit of NFIQ 2 (foreground area, contrast,
 * orientation certainty, ridge frequency, local clarity). It is NOT NFIQ 2 and must never be labelled
 * as such; measures and weights are documented in README.md beside this file.
 */
export const KIOSK_QUALITY_ALGORITHM = 'kiosk-quality-score'
export const KIOSK_QUALITY_VERSION = 1

export interface QualityThresholds {
  /** A capture scoring at least this is accepted. */
  accept: number
  /** Finger area (mm²) below which the score is 0, and from which the area no longer limits it. */
  minForegroundMm2: number
  goodForegroundMm2: number
  /** Median block standard deviation (grey levels) mapped to 0 … 1. */
  lowContrast: number
  goodContrast: number
  /** Mean orientation certainty mapped to 0 … 1. */
  lowOcl: number
  goodOcl: number
  /** Share of finger blocks with a plausible ridge period mapped to 0 … 1. */
  lowFrequencyShare: number
  goodFrequencyShare: number
  /** Mean local clarity mapped to 0 … 1. */
  lowClarity: number
  goodClarity: number
  /** Mean grey level of the finger area outside [tooDark, tooLight] gives feedback. */
  tooDark: number
  tooLight: number
}

export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = {
  accept: 40,
  minForegroundMm2: 30,
  goodForegroundMm2: 120,
  lowContrast: 8,
  goodContrast: 40,
  lowOcl: 0.3,
  goodOcl: 0.8,
  lowFrequencyShare: 0.3,
  goodFrequencyShare: 0.9,
  lowClarity: 0.15,
  goodClarity: 0.55,
  tooDark: 70,
  tooLight: 190,
}

/** Weights of the ridge measures; the area and contrast factors multiply their weighted mean. */
export const QUALITY_WEIGHTS = { ocl: 0.35, frequency: 0.25, clarity: 0.4 } as const

export interface QualityMeasures {
  foregroundMm2: number
  /** Share of the frame covered by finger blocks. */
  foregroundShare: number
  /** Mean grey level over finger blocks (NFIQ 2 "Mu" restricted to the finger). */
  meanGrey: number
  /** Median of the finger blocks' grey-level standard deviation. */
  contrast: number
  /** Mean orientation certainty level over finger blocks. */
  ocl: number
  /** Share of finger blocks whose ridge period is plausible. */
  frequencyShare: number
  /** Median ridge period in pixels (0 when none was found). */
  ridgePeriod: number
  /** Mean local clarity over finger blocks. */
  clarity: number
}

export type QualityFeedback =
  'no-finger' | 'small-area' | 'low-contrast' | 'too-dark' | 'too-light' | 'unclear-ridges'

export interface KioskQuality {
  algorithm: typeof KIOSK_QUALITY_ALGORITHM
  version: number
  /** 0 … 100, integer. */
  score: number
  acceptable: boolean
  measures: QualityMeasures
  /** Each measure mapped to 0 … 1 before weighting. */
  parts: { area: number; contrast: number; ocl: number; frequency: number; clarity: number }
  feedback: QualityFeedback[]
}

function ramp(value: number, low: number, high: number): number {
  if (high <= low) return value >= high ? 1 : 0
  return Math.min(1, Math.max(0, (value - low) / (high - low)))
}

function median(values: number[]): number {
  if (values.length === 0) return 0
  values.sort((a, b) => a - b)
  return values[Math.floor(values.length / 2)] ?? 0
}

/** Drops finger blocks with fewer than two finger neighbours (specks of dust, noise). */
export function cleanForeground(field: BlockField): Uint8Array {
  const { cols, rows, foreground } = field
  const out = new Uint8Array(foreground.length)
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      if (!foreground[y * cols + x]) continue
      let neighbours = 0
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx || dy) && x + dx >= 0 && y + dy >= 0 && x + dx < cols && y + dy < rows) {
            neighbours += foreground[(y + dy) * cols + x + dx] ?? 0
          }
        }
      }
      out[y * cols + x] = neighbours >= 2 ? 1 : 0
    }
  }
  return out
}

/** Scores one finger image; `field` may be passed when the caller already computed it. */
export function kioskQualityScore(
  image: FingerImage,
  thresholds: Partial<QualityThresholds> = {},
  field: BlockField = computeBlockField(image),
): KioskQuality {
  const t = { ...DEFAULT_QUALITY_THRESHOLDS, ...thresholds }
  const fg = cleanForeground(field)
  const mmPerPixel = 25.4 / (image.ppi > 0 ? image.ppi : 500)
  const blockMm2 = (field.blockSize * mmPerPixel) ** 2
  let blocks = 0
  let greySum = 0
  let oclSum = 0
  let claritySum = 0
  let withPeriod = 0
  const stds: number[] = []
  const periods: number[] = []
  for (let b = 0; b < fg.length; b++) {
    if (!fg[b]) continue
    blocks++
    greySum += field.mean[b] ?? 0
    oclSum += field.ocl[b] ?? 0
    claritySum += field.clarity[b] ?? 0
    stds.push(field.std[b] ?? 0)
    const p = field.period[b] ?? 0
    if (p > 0) {
      withPeriod++
      periods.push(p)
    }
  }
  const measures: QualityMeasures = {
    foregroundMm2: blocks * blockMm2,
    foregroundShare: fg.length ? blocks / fg.length : 0,
    meanGrey: blocks ? greySum / blocks : 255,
    contrast: median(stds),
    ocl: blocks ? oclSum / blocks : 0,
    frequencyShare: blocks ? withPeriod / blocks : 0,
    ridgePeriod: median(periods),
    clarity: blocks ? claritySum / blocks : 0,
  }
  const parts = {
    area: ramp(measures.foregroundMm2, t.minForegroundMm2, t.goodForegroundMm2),
    contrast: ramp(measures.contrast, t.lowContrast, t.goodContrast),
    ocl: ramp(measures.ocl, t.lowOcl, t.goodOcl),
    frequency: ramp(measures.frequencyShare, t.lowFrequencyShare, t.goodFrequencyShare),
    clarity: ramp(measures.clarity, t.lowClarity, t.goodClarity),
  }
  const ridge =
    QUALITY_WEIGHTS.ocl * parts.ocl +
    QUALITY_WEIGHTS.frequency * parts.frequency +
    QUALITY_WEIGHTS.clarity * parts.clarity
  // Area and contrast limit the score smoothly (square root) rather than linearly: 60 % of the area
  // still carries most of a finger's minutiae, and faint ridges still show their flow.
  const score = Math.round(100 * Math.sqrt(parts.area) * Math.sqrt(parts.contrast) * ridge)
  const feedback: QualityFeedback[] = []
  if (measures.foregroundMm2 < t.minForegroundMm2) feedback.push('no-finger')
  else {
    if (parts.area < 1) feedback.push('small-area')
    if (measures.contrast < t.lowContrast + (t.goodContrast - t.lowContrast) * 0.25)
      feedback.push('low-contrast')
    if (measures.meanGrey < t.tooDark) feedback.push('too-dark')
    if (measures.meanGrey > t.tooLight) feedback.push('too-light')
    if (parts.clarity < 0.35 || parts.ocl < 0.35) feedback.push('unclear-ridges')
  }
  return {
    algorithm: KIOSK_QUALITY_ALGORITHM,
    version: KIOSK_QUALITY_VERSION,
    score,
    acceptable: score >= t.accept,
    measures,
    parts,
    feedback,
  }
}
