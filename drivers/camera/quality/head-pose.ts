import type { FaceObservation } from '../types'

type Vector = readonly [number, number, number]

/** Mesh points the head axes are taken from: forehead top, chin, and the two sides of the face. */
const TOP = 10
const CHIN = 152
const IMAGE_LEFT_SIDE = 234
const IMAGE_RIGHT_SIDE = 454

export interface HeadPose {
  /** Degrees; the signs follow human's rotation.angle. */
  readonly yaw: number
  readonly pitch: number
  readonly roll: number
}

/**
 * Head pose from the 3-D mesh: the face's horizontal axis (side to side) and vertical axis (chin
 * to forehead) as vectors; yaw is how far the horizontal axis leaves the image plane, pitch how
 * far the vertical one does, roll the eye line's tilt in the image plane. Computed here rather
 * than taken from the model's own angles so that the same mesh always gives the same pose and a
 * test can rotate a mesh and know the answer.
 */
export function headPose(face: FaceObservation): HeadPose {
  const across = unit(sub(pointAt(face, IMAGE_RIGHT_SIDE), pointAt(face, IMAGE_LEFT_SIDE)))
  const up = unit(sub(pointAt(face, TOP), pointAt(face, CHIN)))
  const deg = 180 / Math.PI
  return {
    // Negated so the signs agree with human's own rotation.angle on the same faces.
    yaw: -Math.atan2(across[2], Math.hypot(across[0], across[1])) * deg,
    pitch: -Math.atan2(up[2], Math.hypot(up[0], up[1])) * deg,
    roll: Math.atan2(across[1], across[0]) * deg,
  }
}

function pointAt(face: FaceObservation, index: number): Vector {
  const p = face.mesh[index]
  return p ? [p[0], p[1], p[2]] : [0, 0, 0]
}

function sub(a: Vector, b: Vector): Vector {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

function unit(v: Vector): Vector {
  const length = Math.hypot(v[0], v[1], v[2]) || 1
  return [v[0] / length, v[1] / length, v[2] / length]
}
