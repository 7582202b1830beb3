import { CatalogueError, messageRef } from '../../../lib/messages'
import type { FaceObservation, RgbaFrame } from '../types'

/** The parts of human's FaceResult the kiosk reads (kept structural: no human types leak out). */
export interface HumanFace {
  readonly box: readonly number[]
  readonly score: number
  readonly mesh: readonly (readonly number[])[]
  readonly rotation?: { readonly angle?: { yaw: number; pitch: number; roll: number } } | null
  readonly emotion?: readonly { score: number; emotion: string }[]
  readonly embedding?: readonly number[]
  readonly real?: number
  readonly live?: number
}

/** Meshes with iris points have 478 entries; the quality components need all of them. */
export const MESH_POINTS = 478

/** Reduces human's faces to FaceObservations, largest first; faces without a full mesh are dropped. */
export function toObservations(faces: readonly HumanFace[]): FaceObservation[] {
  return faces
    .filter((face) => face.mesh.length >= MESH_POINTS && face.box.length === 4)
    .map(toObservation)
    .sort((a, b) => b.box[2] * b.box[3] - a.box[2] * a.box[3])
}

function toObservation(face: HumanFace): FaceObservation {
  const angle = face.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 }
  const emotion: Record<string, number> = {}
  for (const entry of face.emotion ?? []) emotion[entry.emotion] = entry.score
  return {
    box: [face.box[0] ?? 0, face.box[1] ?? 0, face.box[2] ?? 0, face.box[3] ?? 0],
    score: face.score,
    mesh: face.mesh.map((p) => [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0] as const),
    rotation: { yaw: angle.yaw, pitch: angle.pitch, roll: angle.roll },
    emotion,
    ...(face.embedding && face.embedding.length > 0 ? { embedding: [...face.embedding] } : {}),
    ...(typeof face.real === 'number' ? { real: face.real } : {}),
    ...(typeof face.live === 'number' ? { live: face.live } : {}),
  }
}

/** RGBA → packed RGB, the layout the models' input tensor takes. */
export function rgbOf(frame: RgbaFrame): Int32Array {
  const pixels = frame.width * frame.height
  const rgb = new Int32Array(pixels * 3)
  const data = frame.data
  for (let i = 0, j = 0; i < pixels * 4; i += 4) {
    rgb[j++] = data[i] ?? 0
    rgb[j++] = data[i + 1] ?? 0
    rgb[j++] = data[i + 2] ?? 0
  }
  return rgb
}

export function checkFrame(frame: RgbaFrame): void {
  if (
    !Number.isInteger(frame.width) ||
    !Number.isInteger(frame.height) ||
    frame.width < 16 ||
    frame.height < 16 ||
    frame.width > 4096 ||
    frame.height > 4096 ||
    frame.data.length !== frame.width * frame.height * 4
  ) {
    throw new FrameSizeError(frame.width, frame.height, frame.data.length)
  }
}

/** A frame whose size is impossible or whose bytes do not match its size. */
export class FrameSizeError extends CatalogueError {
  readonly code = 'E_PORTRAIT_FRAME_SIZE'
  constructor(width: number, height: number, bytes: number) {
    super(
      messageRef('messages.portrait.frameSize', { width, height }),
      `${width}×${height} with ${bytes} bytes`,
    )
    this.name = 'FrameSizeError'
  }
}
