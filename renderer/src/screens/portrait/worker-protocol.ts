import type { PortraitAssessment } from '../../../../drivers/camera/quality/assessment'
import type { PortraitSettings } from '../../../../electron/contract'

/** What the page sends the analysis worker. */
export type ToWorker =
  | { type: 'init'; assetBase: string; limits: PortraitSettings['limits'] }
  /** One RGBA frame; its buffer is transferred, and comes back with the answer. */
  | { type: 'frame'; id: number; width: number; height: number; buffer: ArrayBuffer }

/** Model loading steps, in order, for the progress bar. */
export const loadSteps = ['engine', 'warm-up'] as const
export type LoadStep = (typeof loadSteps)[number]

/** What the worker answers. */
export type FromWorker =
  | { type: 'progress'; step: LoadStep }
  | { type: 'ready'; loadMs: number }
  | { type: 'failed'; message: string }
  | {
      type: 'result'
      id: number
      assessment: PortraitAssessment
      /** Time spent in observe + assessPortrait, ms. */
      ms: number
      width: number
      height: number
      buffer: ArrayBuffer
    }
  /** The worker was busy (or not ready): this frame was not analysed. */
  | { type: 'dropped'; id: number; buffer: ArrayBuffer }
