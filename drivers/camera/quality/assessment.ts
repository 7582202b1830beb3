import type { ComponentName } from './component-names'
import type { EyeCentres } from '../types'

/**
 * Where a component passes: on its raw value or its 0–100 value, at least and/or at most a bound;
 * `absolute` compares the magnitude (head pose either way).
 */
export interface ComponentLimit {
  readonly on: 'raw' | 'scalar'
  readonly atLeast: number | null
  readonly atMost: number | null
  readonly absolute: boolean
}

/** One quality component measured on one frame. */
export interface ComponentResult {
  readonly name: ComponentName
  /** OFIQ's quality-assessment id (QAA) for this component. */
  readonly qaa: number
  /** False when the available models cannot measure it credibly: raw, scalar and passed are null. */
  readonly measured: boolean
  /** The raw value, in the unit the component defines (pixels, ratio, degrees, bits…). */
  readonly raw: number | null
  /** The raw value mapped to 0–100 (OFIQ's mapping), rounded. */
  readonly scalar: number | null
  /** Where it passes. */
  readonly limit: ComponentLimit
  readonly passed: boolean | null
  /** A failing gating component blocks auto-capture; the others are advice. */
  readonly gating: boolean
}

/** Everything the analysis says about one frame. */
export interface PortraitAssessment {
  readonly width: number
  readonly height: number
  readonly faceCount: number
  readonly components: readonly ComponentResult[]
  /** Gating components that failed (or could not be evaluated because no face was found). */
  readonly failing: readonly ComponentName[]
  /** Every gating component passed. */
  readonly acceptable: boolean
  /** The eye centres of the main face, for the token image; null without a face. */
  readonly eyes: EyeCentres | null
  /** Presentation-attack scores of the main face when those models ran (0–1, higher = genuine). */
  readonly presentation: { readonly real: number | null; readonly live: number | null }
}
