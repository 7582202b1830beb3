import type { ComponentLimit } from './assessment'
import type { ComponentName } from './component-names'

/** A component's built-in limit, whether it gates auto-capture, and where the number comes from. */
export interface ComponentRule {
  readonly limit: ComponentLimit
  readonly gating: boolean
  /** The clause or source of the number (UNCONFIRMED where research/portrait.md §2 says so). */
  readonly source: string
}

const raw = (atLeast: number | null, atMost: number | null, absolute = false): ComponentLimit => ({
  on: 'raw',
  atLeast,
  atMost,
  absolute,
})
const scalar = (atLeast: number): ComponentLimit => ({
  on: 'scalar',
  atLeast,
  atMost: null,
  absolute: false,
})

/**
 * The kiosk's limits. Raw limits where the standard states a number in the raw unit (pixels,
 * degrees); OFIQ's 0–100 values where only its mapping exists. Every limit can be replaced in the
 * station's configuration (PortraitSettings.limits).
 */
export const COMPONENT_RULES: Readonly<Record<ComponentName, ComponentRule>> = {
  SingleFacePresent: {
    limit: raw(null, 0.1),
    gating: true,
    source:
      'ICAO 9303 Part 3 (one face only); 0.1 = a second face at most 10 % of the main face’s area (kiosk choice, OFIQ 0–100 value 90)',
  },
  InterEyeDistance: {
    limit: raw(90, null),
    gating: true,
    source:
      'ISO/IEC 19794-5 full frontal: about 90 px between eye centres (UNCONFIRMED clause, research/portrait.md §2)',
  },
  HeadSize: {
    limit: scalar(50),
    gating: false,
    source:
      'OFIQ HeadSize optimum T/height = 0.45 (HeadSize.cpp); advice only: the token image sets the scale',
  },
  LeftwardCrop: {
    limit: raw(2.5, null),
    gating: true,
    source:
      'ISO/IEC 19794-5 token geometry: the token spans 2 IED each side of the eye midpoint, so 2.5 IED from the far eye to the edge',
  },
  RightwardCrop: {
    limit: raw(2.5, null),
    gating: true,
    source: 'as LeftwardCrop',
  },
  MarginAbove: {
    limit: raw(1.0, null),
    gating: true,
    source:
      'kiosk choice: at least T above the eye line so the crown is in the frame (OFIQ’s 0–100 value is for a full-frontal crop)',
  },
  MarginBelow: {
    limit: raw(1.2, null),
    gating: true,
    source: 'kiosk choice: chin and the top of the neck in the frame (1.2 T below the eye line)',
  },
  HeadPoseYaw: {
    limit: raw(null, 8, true),
    gating: true,
    source:
      'ICAO portrait guidance ±5° (UNCONFIRMED, research/portrait.md §2), widened to ±8° because the mesh angles are uncalibrated',
  },
  HeadPosePitch: {
    limit: raw(null, 10, true),
    gating: true,
    source:
      'ICAO ±5° (UNCONFIRMED), widened to ±10°: the mesh reports 4–7° on frontal studio portraits',
  },
  HeadPoseRoll: {
    limit: raw(null, 8, true),
    gating: true,
    source: 'ICAO roll ±8° (UNCONFIRMED); the token image corrects roll anyway',
  },
  EyesOpen: {
    limit: raw(0.02, null),
    gating: true,
    source: 'OFIQ EyesOpen sigmoid midpoint x0 = 0.02 (ofiq_config.jaxn)',
  },
  EyesVisible: {
    limit: scalar(50),
    gating: false,
    source: 'not measured: needs an occlusion segmentation model',
  },
  MouthClosed: {
    limit: raw(null, 0.2),
    gating: true,
    source: 'OFIQ MouthClosed sigmoid midpoint x0 = 0.2 (ofiq_config.jaxn)',
  },
  MouthOcclusionPrevention: {
    limit: raw(null, 0.3),
    gating: true,
    source: 'kiosk choice on a colour proxy: at most 30 % of the mouth neither skin nor lip',
  },
  FaceOcclusionPrevention: {
    limit: scalar(50),
    gating: false,
    source: 'not measured: needs an occlusion segmentation model',
  },
  ExpressionNeutrality: {
    limit: raw(0.4, null),
    gating: false,
    source:
      'ICAO 9303 Part 3 neutral expression; 0.4 = human’s "neutral" emotion score (substitute, kiosk choice); advice only: that score swings between copies of one still',
  },
  IlluminationUniformity: {
    limit: scalar(50),
    gating: false,
    source: 'OFIQ 0–100 value 50 (no normative limit)',
  },
  LuminanceMean: {
    limit: scalar(50),
    gating: true,
    source: 'OFIQ mapping: 50 at mean luminance 0.2 and 0.8',
  },
  LuminanceVariance: {
    limit: scalar(50),
    gating: false,
    source: 'OFIQ 0–100 value 50 (no normative limit)',
  },
  UnderExposurePrevention: {
    limit: raw(null, 0.25),
    gating: true,
    source: 'kiosk choice: at most 25 % of the face at luminance 0–25',
  },
  OverExposurePrevention: {
    limit: raw(null, 0.01),
    gating: true,
    source: 'OFIQ mapping round(1/(raw+0.01)) = 50 at 1 % of the face at luminance 247–255',
  },
  DynamicRange: {
    limit: raw(5, null),
    gating: false,
    source: 'kiosk choice: 5 bits of luminance entropy on the face (OFIQ 0–100 value 63)',
  },
  Sharpness: {
    limit: scalar(50),
    gating: true,
    source: 'kiosk mapping of the Laplacian variance, set on the training images (substitute)',
  },
  CompressionArtifacts: {
    limit: raw(75, null),
    gating: false,
    source:
      'JPEG input only: the IJG quality factor read from the quantisation table, at least 75 (kiosk choice)',
  },
  NaturalColour: {
    limit: scalar(50),
    gating: false,
    source: 'OFIQ NaturalColour mapping, 0–100 value 50',
  },
  BackgroundUniformity: {
    limit: scalar(50),
    gating: false,
    source: 'OFIQ BackgroundUniformity mapping, 0–100 value 50 (substitute mask)',
  },
  NoHeadCoverings: {
    limit: scalar(50),
    gating: false,
    source: 'not measured: needs a face-parsing model',
  },
}

/** Components the available models cannot measure credibly: always reported as not measured. */
export const NOT_MEASURED: readonly ComponentName[] = [
  'EyesVisible',
  'FaceOcclusionPrevention',
  'NoHeadCoverings',
]

export function passes(limit: ComponentLimit, rawValue: number, scalarValue: number): boolean {
  const value = limit.on === 'raw' ? rawValue : scalarValue
  const v = limit.absolute ? Math.abs(value) : value
  if (limit.atLeast !== null && !(v >= limit.atLeast)) return false
  if (limit.atMost !== null && !(v <= limit.atMost)) return false
  return true
}
