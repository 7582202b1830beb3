import type { FaceObservation, RgbaFrame } from '../types'
import type { ObserveMode } from './human-config'

/** The face models behind one interface, in the worker, the main process or the CLI. */
export interface FaceEngine {
  /** The faces in a frame, largest first. */
  observe(frame: RgbaFrame, mode: ObserveMode): Promise<FaceObservation[]>
  /** How long loading the models took, in ms. */
  readonly loadMs: number
  dispose(): void
}

/** What the engine needs from a loaded Human instance (structural, so no human type leaks out). */
export interface HumanInstance {
  load(): Promise<void>
  detect(input: unknown, config?: Record<string, unknown>): Promise<{ face: unknown[] }>
  tf: {
    tensor4d(
      values: Int32Array,
      shape: [number, number, number, number],
      dtype: 'int32',
    ): {
      dispose(): void
    }
  }
}
