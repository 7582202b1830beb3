import type { FingerImage } from '../finger-image'
import {
  drawHardImpressionParameters,
  generateMasterPrint,
  hashSeed,
  renderImpression,
  SYNTHETIC_SIZES,
  type HardImpressionKind,
  type ImpressionSize,
} from '../synthetic'
import { extractTemplate, type FingerTemplate } from './minutiae'

/** The touches taken of every finger of the hard sample: two good ones so good+good pairs exist. */
export const HARD_SAMPLE_TOUCHES: readonly HardImpressionKind[] = [
  'good',
  'good',
  'wet',
  'dry',
  'partial',
]

export interface HardTouch {
  finger: number
  kind: HardImpressionKind
  template: FingerTemplate
}

/** The images of one finger of a hard sample, deterministic in (label, finger). */
export function hardSampleImages(
  label: string,
  finger: number,
  size: ImpressionSize = SYNTHETIC_SIZES.fap30,
): { kind: HardImpressionKind; image: FingerImage }[] {
  const master = generateMasterPrint(hashSeed('hard-master', label, finger))
  return HARD_SAMPLE_TOUCHES.map((kind, k) => ({
    kind,
    image: renderImpression(
      master,
      drawHardImpressionParameters(hashSeed('hard-touch', label, finger, k), kind, size),
      size,
    ),
  }))
}

/** The templates of one finger of a hard sample. */
export function hardSampleTouches(label: string, finger: number): HardTouch[] {
  return hardSampleImages(label, finger).map(({ kind, image }) => ({
    finger,
    kind,
    template: extractTemplate(image),
  }))
}

/** "good+partial" style key of a pair of kinds, in HARD_SAMPLE_TOUCHES order. */
export function kindPair(x: HardImpressionKind, y: HardImpressionKind): string {
  const order = (k: HardImpressionKind) => HARD_SAMPLE_TOUCHES.indexOf(k)
  return order(x) <= order(y) ? `${x}+${y}` : `${y}+${x}`
}
