import type { ComponentName } from './component-names'

/** A component's raw value and 0–100 value, before its limit is applied. */
export interface Measurement {
  readonly raw: number
  readonly scalar: number
}

export type Measurements = Partial<Record<ComponentName, Measurement>>
