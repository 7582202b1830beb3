/// <reference lib="webworker" />
// The portrait analysis off the page's thread: one face engine (WASM), then observe('live') and
// assessPortrait for each frame. A frame that arrives while one is being analysed is handed back
// unanalysed at once, so nothing queues up and the preview never lags behind.
import {
  assessPortrait,
  createBrowserFaceEngine,
  type FaceEngine,
} from '../../../../drivers/camera/browser'
import type { PortraitAssessment } from '../../../../drivers/camera/quality/assessment'
import type { PortraitSettings } from '../../../../electron/contract'
import type { FromWorker, ToWorker } from './worker-protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
let engine: FaceEngine | null = null
let limits: PortraitSettings['limits'] = {}
let busy = true

const post = (message: FromWorker, transfer: Transferable[] = []) =>
  scope.postMessage(message, transfer)

async function init(assetBase: string): Promise<void> {
  const started = performance.now()
  try {
    post({ type: 'progress', step: 'engine' })
    engine = await createBrowserFaceEngine({ assetBase })
    post({ type: 'progress', step: 'warm-up' })
    const blank = { width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4) }
    await engine.observe(blank, 'live')
    busy = false
    post({ type: 'ready', loadMs: performance.now() - started })
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  }
}

async function analyse(message: Extract<ToWorker, { type: 'frame' }>): Promise<void> {
  const { id, width, height, buffer } = message
  if (busy || !engine) return post({ type: 'dropped', id, buffer }, [buffer])
  busy = true
  const started = performance.now()
  try {
    const frame = { width, height, data: new Uint8ClampedArray(buffer) }
    const faces = await engine.observe(frame, 'live')
    const assessment: PortraitAssessment = assessPortrait(frame, faces, { limits })
    const ms = performance.now() - started
    post({ type: 'result', id, assessment, ms, width, height, buffer }, [buffer])
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  } finally {
    busy = false
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'init') {
    limits = message.limits
    void init(message.assetBase)
  } else {
    void analyse(message)
  }
}
