import type { FaceObservation, RgbaFrame } from '../types'
import { faceGeometry, polygonOf } from './face-geometry'
import { clampScalar } from './mapping'
import type { Measurements } from './measured'
import { MESH } from './mesh-points'
import { labOf, meanLab, polygonMask, squareMask } from './raster'

/** CIELAB chroma distance from the cheeks beyond which a mouth pixel is not skin or lip. */
const FOREIGN_CHROMA = 22
/** Lightness this far from the cheeks (darker or lighter) marks a foreign pixel too. */
const FOREIGN_LIGHTNESS = 45

/**
 * MouthOcclusionPrevention (0x50), SUBSTITUTE for OFIQ's occlusion segmentation: the share of
 * the outer-mouth polygon whose colour is neither skin nor lip, judged against the cheeks (the
 * illumination zones). A pixel counts as foreign when its a*, b* are more than 22 from the
 * cheeks' mean, unless it is redder than the cheeks with similar b* (lips), or when its lightness
 * is 45 away. It catches masks, cards and dark or pale objects; a hand, being skin, it cannot.
 */
export function mouthOcclusion(frame: RgbaFrame, face: FaceObservation): Measurements {
  const g = faceGeometry(face)
  const down = (g.mouthCentre[1] - g.eyeMid[1]) / 2
  const side = 0.3 * g.planarIed
  const cheeks = [g.eyes.imageLeft, g.eyes.imageRight].map((eye) =>
    squareMask(frame.width, frame.height, [eye[0], eye[1] + down], side),
  )
  const skin = meanLab(frame, cheeks)
  const mouth = polygonMask(frame.width, frame.height, polygonOf(face, MESH.outerMouth))
  if (!skin) return {}
  let foreign = 0
  let n = 0
  const d = frame.data
  for (let i = mouth.from; i < mouth.to; i++) {
    if (mouth.bits[i] !== 1) continue
    const [l, a, b] = labOf(d[i * 4] ?? 0, d[i * 4 + 1] ?? 0, d[i * 4 + 2] ?? 0)
    const lipLike = a >= skin.a && Math.abs(b - skin.b) < FOREIGN_CHROMA
    const farChroma = Math.hypot(a - skin.a, b - skin.b) > FOREIGN_CHROMA && !lipLike
    if (farChroma || Math.abs(l - skin.l) > FOREIGN_LIGHTNESS) foreign++
    n++
  }
  if (n === 0) return {}
  const raw = foreign / n
  return { MouthOcclusionPrevention: { raw, scalar: clampScalar(100 * (1 - raw)) } }
}
