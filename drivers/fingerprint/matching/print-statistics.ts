import type { FingerImage } from '../finger-image'
import { kioskQualityScore } from '../quality'
import type { FingerTemplate } from './minutiae'

/**
 * What the hard synthetic set is checked against: published figures for real 500 ppi prints. The
 * ranges are those a sample's *median* must fall in; single prints spread wider (a partial touch
 * holds few minutiae, a dry one loses some).
 * - Minutiae: a full good-quality print holds about 40–100 minutiae (Maltoni, Maio, Jain and
 *   Prabhakar, Handbook of Fingerprint Recognition, 2nd ed., 2009, ch. 3), a plain touch fewer; the
 *   individuality study of Pankanti, Prabhakar and Jain (IEEE TPAMI 24(8), 2002) takes 36 per touch
 *   as typical of 500 ppi plain prints. A median between 25 and 100 is accepted.
 * - Ridge period: ridge frequency in 500 ppi images lies in [1/25, 1/3] per pixel (Hong, Wan and
 *   Jain, IEEE TPAMI 20(8), 1998), i.e. a period of 3–25 px, with adult inter-ridge distances of
 *   about 0.4–0.5 mm, 8–10 px (Handbook, ch. 3). A median between 7 and 12 px is accepted.
 * - Quality: no public figure exists for the kiosk's NFIQ2-like score (quality/README.md), so the
 *   check is the operational one: most good touches pass the kiosk's acceptance and a spread of
 *   scores below it exists among the hard kinds, as NFIQ 2 spreads over operational plain prints.
 */
export const REAL_PRINT_RANGES = {
  minutiaeMedian: { low: 25, high: 100 },
  ridgePeriodMedian: { low: 7, high: 12 },
} as const

export interface PrintStatistics {
  minutiae: number
  /** Median ridge period over the finger, pixels at 500 ppi (0 when none was found). */
  ridgePeriod: number
  /** Kiosk quality score 0 … 100 and whether it passes the kiosk's acceptance. */
  quality: number
  acceptable: boolean
  /** Finger area on the platen, mm². */
  areaMm2: number
}

export function printStatistics(image: FingerImage, template: FingerTemplate): PrintStatistics {
  const quality = kioskQualityScore(image)
  return {
    minutiae: template.minutiae.length,
    ridgePeriod: quality.measures.ridgePeriod,
    quality: quality.score,
    acceptable: quality.acceptable,
    areaMm2: quality.measures.foregroundMm2,
  }
}

export interface Distribution {
  n: number
  min: number
  p10: number
  median: number
  p90: number
  max: number
  mean: number
}

export function distributionOf(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  const mean = sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : Number.NaN
  return {
    n: sorted.length,
    min: at(0),
    p10: at(0.1),
    median: at(0.5),
    p90: at(0.9),
    max: at(1),
    mean,
  }
}

export function formatDistribution(d: Distribution, digits = 1): string {
  const f = (v: number) => v.toFixed(digits)
  return `n ${d.n} min ${f(d.min)} p10 ${f(d.p10)} median ${f(d.median)} p90 ${f(d.p90)} max ${f(d.max)} mean ${f(d.mean)}`
}
