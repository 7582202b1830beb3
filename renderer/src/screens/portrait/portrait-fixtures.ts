// Fakes for the portrait screen's component tests: camera, analyser, contract objects. Never bundled.
import {
  componentNames,
  componentQaa,
  type ComponentName,
} from '../../../../drivers/camera/quality/component-names'
import type { PortraitAssessment } from '../../../../drivers/camera/quality/assessment'
import type { PortraitCheckResult, PortraitSettings } from '../../../../electron/contract'
import type { AnalysedFrame, FrameAnalyser } from './analyser'
import {
  CameraError,
  type CameraInfo,
  type CameraPort,
  type CameraProblem,
  type LiveCamera,
} from './camera'
import type { PortraitApi } from './use-portrait-flow'

const NOT_MEASURED: readonly ComponentName[] = [
  'EyesVisible',
  'NoHeadCoverings',
  'BackgroundUniformity',
]

/** An assessment with every measured component passing except `failing`. */
export function assessment(
  failing: readonly ComponentName[] = [],
  faceCount = 1,
): PortraitAssessment {
  const components = componentNames.map((name) => {
    const measured = !NOT_MEASURED.includes(name)
    const passed = measured ? !failing.includes(name) : null
    return {
      name,
      qaa: componentQaa[name],
      measured,
      raw: measured ? 1 : null,
      scalar: measured ? (passed ? 91 : 12) : null,
      limit: { on: 'scalar' as const, atLeast: 50, atMost: null, absolute: false },
      passed,
      gating: name !== 'ExpressionNeutrality',
    }
  })
  return {
    width: 640,
    height: 480,
    faceCount,
    components,
    failing: [...failing],
    acceptable: failing.length === 0,
    eyes: faceCount > 0 ? { imageLeft: [280, 200], imageRight: [360, 200] } : null,
    presentation: { real: null, live: null },
  }
}

export const settings = (overrides: Partial<PortraitSettings> = {}): PortraitSettings => ({
  limits: {},
  autoCaptureFrames: 3,
  countdownSeconds: 0,
  tokenFormat: 'jpeg',
  matchThreshold: 0.5,
  presentationGate: { enabled: false, minReal: 0.5, minLive: 0.5 },
  ...overrides,
})

export function checkResult(
  fields: Partial<PortraitCheckResult> & { verdict?: PortraitCheckResult['match']['verdict'] } = {},
): PortraitCheckResult {
  const verdict = fields.verdict ?? 'match'
  return {
    accepted: true,
    assessment: assessment() as PortraitCheckResult['assessment'],
    // A 1×1 JPEG is enough for the <img>; its geometry is the e2e test's business.
    token: { jpegBase64: '/9j/4AAQSkZJRgABAQAAAQABAAD/2w==', width: 480, height: 640 },
    match: { verdict, score: verdict === 'mismatch' ? 0.21 : 0.83, threshold: 0.5 },
    presentationGate: 'off',
    ...fields,
  }
}

const frame = (): ImageData =>
  ({ width: 640, height: 480, data: new Uint8ClampedArray(640 * 480 * 4) }) as unknown as ImageData

/** A camera port: `fail` makes open reject; `end()` unplugs the open camera. */
export function fakeCamera(
  options: { fail?: CameraProblem; detail?: string; cameras?: CameraInfo[] } = {},
) {
  const ended = new Set<() => void>()
  const opened: (string | null)[] = []
  let fail = options.fail
  const cameras = options.cameras ?? [
    { deviceId: 'cam-1', label: 'Camera 1' },
    { deviceId: 'cam-2', label: 'Camera 2' },
  ]
  const port: CameraPort = {
    list: () => Promise.resolve(cameras),
    open(deviceId) {
      opened.push(deviceId)
      if (fail) return Promise.reject(new CameraError(fail, options.detail ?? ''))
      const live: LiveCamera = {
        deviceId: deviceId ?? cameras[0]?.deviceId ?? '',
        width: 640,
        height: 480,
        grab: frame,
        onEnded(listener) {
          ended.add(listener)
          return () => ended.delete(listener)
        },
        close: () => undefined,
      }
      return Promise.resolve(live)
    },
  }
  return {
    port,
    opened,
    heal: () => (fail = undefined),
    end: () => [...ended].forEach((listener) => listener()),
  }
}

/** An analyser that answers each frame with the next assessment of `script` (then the last one). */
export function fakeAnalyser(
  script: () => PortraitAssessment | null,
  load: Promise<number> = Promise.resolve(12),
) {
  let analysed = 0
  const analyser: FrameAnalyser = {
    load: (onStep) => {
      onStep('engine')
      return load
    },
    analyse: async (image): Promise<AnalysedFrame | null> => {
      const next = script()
      if (!next) return new Promise(() => undefined)
      analysed++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return { assessment: next, ms: 42, frame: image }
    },
    dispose: () => undefined,
  }
  return { create: () => analyser, analysedCount: () => analysed }
}

export function fakePortraitApi(
  check: () => PortraitCheckResult | null,
  config: PortraitSettings = settings(),
) {
  const checks: { pngBase64: string; capture: string }[] = []
  const api: PortraitApi = {
    settings: () => Promise.resolve({ ok: true, value: config }),
    check: (input) => {
      checks.push(input)
      const result = check()
      return result ? Promise.resolve({ ok: true, value: result }) : new Promise(() => undefined)
    },
  }
  return { api, checks }
}
