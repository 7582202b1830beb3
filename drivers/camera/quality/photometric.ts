import type { FaceObservation, Point, RgbaFrame } from '../types'
import { faceGeometry, polygonOf, type FaceGeometry } from './face-geometry'
import {
  clampScalar,
  inverseSigmoid,
  luminanceMeanScalar,
  luminanceVarianceScalar,
  sigmoidScalar,
} from './mapping'
import type { Measurements } from './measured'
import { MESH } from './mesh-points'
import { histogramOf, meanLab, polygonMask, squareMask, type Mask } from './raster'
import { backgroundUniformity, sharpness } from './texture'

/** What the photometric components share for one frame and face. */
export interface PhotometricInput {
  readonly frame: RgbaFrame
  readonly luminance: Float32Array
  readonly face: FaceObservation
}

/** Luminance, exposure, range, illumination, colour, sharpness and background (OFIQ 0x42–0x4B). */
export function photometric(input: PhotometricInput): Measurements {
  const { frame, luminance, face } = input
  const g = faceGeometry(face)
  const faceMask = polygonMask(frame.width, frame.height, polygonOf(face, MESH.silhouette))
  const zones = illuminationZones(frame, g)
  return {
    ...faceHistogram(histogramOf(luminance, faceMask)),
    ...illumination(luminance, zones),
    ...naturalColour(frame, zones),
    Sharpness: sharpness(luminance, frame.width, frame.height, face, g.planarIed),
    BackgroundUniformity: backgroundUniformity(luminance, frame.width, frame.height, face),
  }
}

function faceHistogram(histogram: Float64Array): Measurements {
  let mean = 0
  let under = 0
  let over = 0
  let entropy = 0
  for (let b = 0; b < 256; b++) {
    const p = histogram[b] ?? 0
    mean += p * (b / 255)
    if (b <= 25) under += p
    if (b >= 247) over += p
    if (p > 0) entropy -= p * Math.log2(p)
  }
  let variance = 0
  for (let b = 0; b < 256; b++) variance += (histogram[b] ?? 0) * (b / 255 - mean) ** 2
  return {
    LuminanceMean: { raw: mean, scalar: luminanceMeanScalar(mean) },
    LuminanceVariance: { raw: variance, scalar: luminanceVarianceScalar(variance) },
    UnderExposurePrevention: {
      raw: under,
      scalar: sigmoidScalar(under, { h: 120, a: 0.832, s: -1, x0: 0.92, w: 0.05 }),
    },
    OverExposurePrevention: { raw: over, scalar: clampScalar(1 / (over + 0.01)) },
    DynamicRange: { raw: entropy, scalar: clampScalar(12.5 * entropy) },
  }
}

/**
 * OFIQ's two illumination zones: squares of side 0.3·IED, one under each eye centre, halfway
 * from the eye line to the mouth (the cheeks).
 */
function illuminationZones(frame: RgbaFrame, g: FaceGeometry): [Mask, Mask] {
  const down = (g.mouthCentre[1] - g.eyeMid[1]) / 2
  const side = 0.3 * g.planarIed
  const zone = (eye: Point): Mask =>
    squareMask(frame.width, frame.height, [eye[0], eye[1] + down], side)
  return [zone(g.eyes.imageLeft), zone(g.eyes.imageRight)]
}

/** IlluminationUniformity (0x43): intersection of the two zones' luminance histograms. */
function illumination(luminance: Float32Array, [left, right]: [Mask, Mask]): Measurements {
  const a = histogramOf(luminance, left)
  const b = histogramOf(luminance, right)
  let shared = 0
  for (let i = 0; i < 256; i++) shared += Math.min(a[i] ?? 0, b[i] ?? 0)
  return { IlluminationUniformity: { raw: shared, scalar: clampScalar(100 * shared ** 0.3) } }
}

/** NaturalColour (0x4B): how far the cheeks' mean a*, b* fall outside skin's 5–25 and 5–35. */
function naturalColour(frame: RgbaFrame, zones: [Mask, Mask]): Measurements {
  const chroma = meanLab(frame, zones)
  if (!chroma) return {}
  const { a, b } = chroma
  const raw = Math.sqrt(Math.max(0, 5 - a, a - 25) ** 2 + Math.max(0, 5 - b, b - 35) ** 2)
  const grey = Math.abs(a) < 0.5 && Math.abs(b) < 0.5
  const scalar = grey ? 0 : a < 0 || b < 0 ? 100 : sigmoidScalar(raw, inverseSigmoid(0, 10, 200))
  return { NaturalColour: { raw, scalar } }
}
