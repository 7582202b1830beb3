import type { FaceObservation, RgbaFrame } from '../types'
import type { HumanInstance } from './face-engine'
import { modeOverride, type ObserveMode } from './human-config'
import { checkFrame, rgbOf, toObservations, type HumanFace } from './observe'

/** One frame through human: the same call in every engine, so every shell sees the same faces. */
export async function observeWith(
  human: HumanInstance,
  frame: RgbaFrame,
  mode: ObserveMode,
): Promise<FaceObservation[]> {
  checkFrame(frame)
  const input = human.tf.tensor4d(rgbOf(frame), [1, frame.height, frame.width, 3], 'int32')
  try {
    const result = await human.detect(input, modeOverride(mode))
    const faces = toObservations(result.face as HumanFace[])
    // human's cache can carry the last full run's descriptor into a live frame: drop it, so a
    // live observation never claims a descriptor of another frame.
    return mode === 'full' ? faces : faces.map(liveOnly)
  } finally {
    input.dispose()
  }
}

function liveOnly(face: FaceObservation): FaceObservation {
  const { embedding: _embedding, real: _real, live: _live, ...rest } = face
  return rest
}
