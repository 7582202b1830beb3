import { DEFAULT_MATCH_THRESHOLD } from '../../../drivers/camera'
import { PortraitSettingsSchema, type PortraitSettings } from '../../contract'

/** Set in config.json under `portrait`; every field has a default. */
export const PortraitConfigSchema = PortraitSettingsSchema.partial()
export type PortraitConfig = Partial<PortraitSettings>

export const DEFAULT_PORTRAIT_SETTINGS: PortraitSettings = {
  limits: {},
  // Five frames at the live loop's ~10 per second: half a second of a steady, passing face.
  autoCaptureFrames: 5,
  countdownSeconds: 2,
  tokenFormat: 'jpeg',
  matchThreshold: DEFAULT_MATCH_THRESHOLD,
  // Off until its error rates are measured on real captures at stations (README says why).
  presentationGate: { enabled: false, minReal: 0.5, minLive: 0.5 },
}

export function portraitSettingsOf(config: PortraitConfig | undefined): PortraitSettings {
  return {
    ...DEFAULT_PORTRAIT_SETTINGS,
    ...config,
    limits: { ...DEFAULT_PORTRAIT_SETTINGS.limits, ...config?.limits },
    presentationGate: {
      ...DEFAULT_PORTRAIT_SETTINGS.presentationGate,
      ...config?.presentationGate,
    },
  }
}
