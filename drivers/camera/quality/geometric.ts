import type { FaceObservation } from '../types'
import { faceGeometry, widestPair, type FaceGeometry } from './face-geometry'
import { clampScalar, inverseSigmoid, poseScalar, sigmoidScalar } from './mapping'
import type { Measurements } from './measured'
import { MESH } from './mesh-points'

/** SingleFacePresent (0x4C): f = area of the 2nd largest face ÷ area of the largest. */
export function singleFace(faces: readonly FaceObservation[]): Measurements {
  const [first, second] = faces
  if (!first) return { SingleFacePresent: { raw: 1, scalar: 0 } }
  const area = (face: FaceObservation): number => face.box[2] * face.box[3]
  const f = second ? Math.min(1, area(second) / Math.max(1, area(first))) : 0
  return { SingleFacePresent: { raw: f, scalar: clampScalar(100 * (1 - f)) } }
}

/** The components computed from landmarks only, on the analysed frame (OFIQ's definitions). */
export function geometric(face: FaceObservation, width: number, height: number): Measurements {
  const g = faceGeometry(face)
  return {
    ...sizeAndCrop(g, width, height),
    ...pose(g),
    ...openings(face, g),
  }
}

function sizeAndCrop(g: FaceGeometry, width: number, height: number): Measurements {
  // OFIQ divides the planar distance by cos(yaw) to undo foreshortening.
  const ied = g.planarIed / Math.max(0.2, Math.cos((g.yawDegrees * Math.PI) / 180))
  const headSize = g.t / height
  const leftward = g.eyes.imageRight[0] / g.planarIed
  const rightward = (width - g.eyes.imageLeft[0]) / g.planarIed
  const above = g.eyeMid[1] / g.t
  const below = (height - g.eyeMid[1]) / g.t
  const crop = { x0: 0.9, w: 0.1 }
  return {
    InterEyeDistance: { raw: ied, scalar: sigmoidScalar(ied, { x0: 70, w: 20 }) },
    HeadSize: {
      raw: headSize,
      scalar: sigmoidScalar(Math.abs(headSize - 0.45), inverseSigmoid(0, 0.05, 200)),
    },
    LeftwardCrop: { raw: leftward, scalar: sigmoidScalar(leftward, crop) },
    RightwardCrop: { raw: rightward, scalar: sigmoidScalar(rightward, crop) },
    MarginAbove: { raw: above, scalar: sigmoidScalar(above, { x0: 1.4, w: 0.1 }) },
    MarginBelow: { raw: below, scalar: sigmoidScalar(below, { x0: 1.8, w: 0.1 }) },
  }
}

function pose(g: FaceGeometry): Measurements {
  return {
    HeadPoseYaw: { raw: g.yawDegrees, scalar: poseScalar(g.yawDegrees) },
    HeadPosePitch: { raw: g.pitchDegrees, scalar: poseScalar(g.pitchDegrees) },
    HeadPoseRoll: { raw: g.rollDegrees, scalar: poseScalar(g.rollDegrees) },
  }
}

function openings(face: FaceObservation, g: FaceGeometry): Measurements {
  const t = Math.max(1, g.t)
  const eyesOpen =
    Math.min(widestPair(face, MESH.rightEyeLids), widestPair(face, MESH.leftEyeLids)) / t
  const mouthOpen = widestPair(face, MESH.innerLips) / t
  // SUBSTITUTE for OFIQ's HSEmotion + AdaBoost: human's "neutral" emotion score (0–1).
  const neutral = face.emotion['neutral'] ?? 0
  return {
    EyesOpen: { raw: eyesOpen, scalar: sigmoidScalar(eyesOpen, { x0: 0.02, w: 0.01 }) },
    MouthClosed: { raw: mouthOpen, scalar: sigmoidScalar(mouthOpen, inverseSigmoid(0.2, 0.06)) },
    ...(Object.keys(face.emotion).length > 0
      ? { ExpressionNeutrality: { raw: neutral, scalar: clampScalar(100 * neutral) } }
      : {}),
  }
}
