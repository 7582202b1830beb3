import type { EyeCentres, FaceObservation, Point } from '../types'
import { headPose } from './head-pose'
import { MESH } from './mesh-points'

/** The landmarks every geometric and photometric component starts from. */
export interface FaceGeometry {
  readonly eyes: EyeCentres
  /** Midpoint between the eye centres. */
  readonly eyeMid: Point
  /** Planar distance between the eye centres, in pixels. */
  readonly planarIed: number
  /** T: distance from the eye midpoint to the chin (OFIQ's `tmetric`). */
  readonly t: number
  readonly mouthCentre: Point
  readonly yawDegrees: number
  readonly pitchDegrees: number
  readonly rollDegrees: number
}

export function pointOf(face: FaceObservation, index: number): Point {
  const p = face.mesh[index]
  return p ? [p[0], p[1]] : [0, 0]
}

export function midpoint(a: Point, b: Point): Point {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1])
}

function cornerMidpoint(face: FaceObservation, corners: readonly [number, number]): Point {
  return midpoint(pointOf(face, corners[0]), pointOf(face, corners[1]))
}

export function faceGeometry(face: FaceObservation): FaceGeometry {
  const right = cornerMidpoint(face, MESH.rightEyeCorners)
  const left = cornerMidpoint(face, MESH.leftEyeCorners)
  const [imageLeft, imageRight] = right[0] <= left[0] ? [right, left] : [left, right]
  const eyeMid = midpoint(imageLeft, imageRight)
  const mouthCentre = midpoint(
    pointOf(face, MESH.mouthCentre[0]),
    pointOf(face, MESH.mouthCentre[1]),
  )
  const pose = headPose(face)
  return {
    eyes: { imageLeft, imageRight },
    eyeMid,
    planarIed: distance(imageLeft, imageRight),
    t: distance(eyeMid, pointOf(face, MESH.chin)),
    mouthCentre,
    yawDegrees: pose.yaw,
    pitchDegrees: pose.pitch,
    rollDegrees: pose.roll,
  }
}

/** The widest opening among an eye's lid pairs, or the inner lips' pairs. */
export function widestPair(
  face: FaceObservation,
  pairs: readonly (readonly [number, number])[],
): number {
  return Math.max(...pairs.map(([a, b]) => distance(pointOf(face, a), pointOf(face, b))))
}

export function polygonOf(face: FaceObservation, indices: readonly number[]): Point[] {
  return indices.map((index) => pointOf(face, index))
}
