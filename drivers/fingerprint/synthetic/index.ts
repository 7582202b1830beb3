import { FINGER_POSITIONS, type FingerImage, type FingerName } from '../finger-image'
import {
  drawImpressionParameters,
  renderEmptyPlaten,
  renderImpression,
  type ImpressionCondition,
  type ImpressionSize,
} from './impression'
import { generateMasterPrint, type MasterPrint } from './master-print'
import { hashSeed } from './random'

export {
  drawImpressionParameters,
  IMPRESSION_CONDITIONS,
  renderEmptyPlaten,
  renderImpression,
  type ImpressionCondition,
  type ImpressionParameters,
  type ImpressionSize,
} from './impression'
export {
  generateMasterPrint,
  MASTER_HEIGHT,
  MASTER_WIDTH,
  type MasterPrint,
  type MasterPrintOptions,
} from './master-print'
export type { FingerprintClass, Point, SingularPoints } from './orientation-model'
export { createRandom, hashSeed, type Random } from './random'

/** Window sizes of the scanners we simulate, at 500 ppi. */
export const SYNTHETIC_SIZES = {
  /** R30x / AS608 modules (EF01 protocol). */
  r30x: { width: 256, height: 288 },
  /** FAP 30 single-finger scanners (typical SBI devices). */
  fap30: { width: 400, height: 500 },
} as const satisfies Record<string, ImpressionSize>

/** Seed of a citizen's finger: the same citizen and finger always give the same master print. */
export function fingerSeed(citizenId: string, finger: FingerName): number {
  return hashSeed('master', citizenId, FINGER_POSITIONS[finger])
}

/** The master print of a citizen's finger (pure; see cachedMasterPrint for the memoised form). */
export function masterPrintFor(citizenId: string, finger: FingerName): MasterPrint {
  return generateMasterPrint(fingerSeed(citizenId, finger), {
    hand: FINGER_POSITIONS[finger] <= 5 ? 'right' : 'left',
    thumb: finger === 'right-thumb' || finger === 'left-thumb',
  })
}

// A master takes a few hundred milliseconds; one enrolment touches ten of them many times.
const MASTER_CACHE_SIZE = 20
const masterCache = new Map<string, MasterPrint>()

/** masterPrintFor with a small LRU cache (the result is the same either way). */
export function cachedMasterPrint(citizenId: string, finger: FingerName): MasterPrint {
  const key = `${citizenId}\u001f${finger}`
  const hit = masterCache.get(key)
  if (hit) {
    masterCache.delete(key)
    masterCache.set(key, hit)
    return hit
  }
  const master = masterPrintFor(citizenId, finger)
  masterCache.set(key, master)
  const oldest = masterCache.keys().next()
  if (masterCache.size > MASTER_CACHE_SIZE && !oldest.done) masterCache.delete(oldest.value)
  return master
}

export interface SyntheticCapture {
  citizenId: string
  finger: FingerName
  /** Which touch this is (0, 1, 2 …): each attempt lands differently on the platen. */
  attempt?: number
  /** Default SYNTHETIC_SIZES.fap30. */
  size?: ImpressionSize
  condition?: ImpressionCondition
  ppi?: number
}

/** One simulated capture of a citizen's finger: deterministic in all of its inputs. */
export function syntheticFingerImage(capture: SyntheticCapture): FingerImage {
  const master = cachedMasterPrint(capture.citizenId, capture.finger)
  const condition = capture.condition ?? 'good'
  const params = drawImpressionParameters(
    hashSeed(
      'impression',
      capture.citizenId,
      FINGER_POSITIONS[capture.finger],
      capture.attempt ?? 0,
      condition,
    ),
    condition,
  )
  return renderImpression(master, params, capture.size ?? SYNTHETIC_SIZES.fap30, capture.ppi ?? 500)
}

/** A frame with no finger on the platen (for "waiting for finger" states). */
export function syntheticEmptyFrame(
  seed: number,
  size: ImpressionSize = SYNTHETIC_SIZES.fap30,
): FingerImage {
  return renderEmptyPlaten(seed, size)
}

export {
  drawHardImpressionParameters,
  HARD_IMPRESSION_KINDS,
  type HardImpressionKind,
} from './hard-impression'
export { type PlasticDistortion } from './plastic-distortion'
export { type SkinMark } from './skin-marks'
