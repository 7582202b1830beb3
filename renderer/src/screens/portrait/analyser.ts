import type { PortraitAssessment } from '../../../../drivers/camera/quality/assessment'
import type { PortraitSettings } from '../../../../electron/contract'
import type { FromWorker, LoadStep, ToWorker } from './worker-protocol'

/** One analysed frame: the assessment and the very pixels it was made on. */
export interface AnalysedFrame {
  readonly assessment: PortraitAssessment
  readonly ms: number
  readonly frame: ImageData
}

/** The live analysis as the screen sees it (the worker in the kiosk, a fake in component tests). */
export interface FrameAnalyser {
  /** Loads the models; resolves with the load time in ms, rejects with why it could not. */
  load(onStep: (step: LoadStep) => void): Promise<number>
  /** Analyses `frame` (its buffer is handed over); null when the worker was busy and dropped it. */
  analyse(frame: ImageData): Promise<AnalysedFrame | null>
  dispose(): void
}

/** The kiosk's analyser: analysis.worker.ts, started once per screen. */
export function createWorkerAnalyser(
  limits: PortraitSettings['limits'],
  assetBase = new URL('face/', document.baseURI).href,
): FrameAnalyser {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' })
  const pending = new Map<number, (frame: AnalysedFrame | null) => void>()
  let loaded: { resolve: (ms: number) => void; reject: (e: Error) => void } | null = null
  let stepListener: (step: LoadStep) => void = () => {}
  let nextId = 1
  const settle = (id: number, value: AnalysedFrame | null) => {
    pending.get(id)?.(value)
    pending.delete(id)
  }
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const m = event.data
    if (m.type === 'progress') stepListener(m.step)
    else if (m.type === 'ready') loaded?.resolve(m.loadMs)
    else if (m.type === 'failed') {
      loaded?.reject(new Error(m.message))
      for (const id of [...pending.keys()]) settle(id, null)
    } else if (m.type === 'dropped') settle(m.id, null)
    else {
      const frame = new ImageData(new Uint8ClampedArray(m.buffer), m.width, m.height)
      settle(m.id, { assessment: m.assessment, ms: m.ms, frame })
    }
  }
  worker.onerror = (event) => loaded?.reject(new Error(event.message || 'worker failed'))
  return {
    load(onStep) {
      stepListener = onStep
      return new Promise<number>((resolve, reject) => {
        loaded = { resolve, reject }
        worker.postMessage({ type: 'init', assetBase, limits } satisfies ToWorker)
      })
    },
    analyse(frame) {
      const id = nextId++
      const buffer = frame.data.buffer as ArrayBuffer
      const message: ToWorker = {
        type: 'frame',
        id,
        width: frame.width,
        height: frame.height,
        buffer,
      }
      return new Promise((resolve) => {
        pending.set(id, resolve)
        worker.postMessage(message, [buffer])
      })
    },
    dispose() {
      worker.terminate()
      for (const id of [...pending.keys()]) settle(id, null)
    },
  }
}
