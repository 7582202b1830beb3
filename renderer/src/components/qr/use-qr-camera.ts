import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { QrCameraError, type OpenQrCamera, type QrCamera, type QrCameraProblem } from './browser-qr'
import type { QrDecoder } from './qr-decoder'

/** How the frame loop is timed: setInterval in the kiosk, a hand-driven ticker in tests. */
export interface FrameScheduler {
  every(ms: number, fn: () => void): () => void
}

export const intervalScheduler: FrameScheduler = {
  every(ms, fn) {
    const handle = setInterval(fn, ms)
    return () => clearInterval(handle)
  },
}

export type CameraState =
  | { kind: 'off' }
  | { kind: 'starting' }
  /** `slow`: no code found for `noQrAfterMs`; the camera keeps looking. */
  | { kind: 'scanning'; slow: boolean }
  | { kind: 'problem'; problem: QrCameraProblem }

export interface QrCameraOptions {
  open: OpenQrCamera
  decoder: QrDecoder
  scheduler: FrameScheduler
  now: () => number
  frameIntervalMs: number
  noQrAfterMs: number
  onPayload: (text: string) => void
}

/**
 * The webcam half of the QR capture: opens the camera on start, decodes a frame every
 * `frameIntervalMs` (one at a time: a slow decode skips frames rather than queueing them), stops
 * at the first code found, on stop, and on unmount.
 */
export function useQrCamera(video: RefObject<HTMLVideoElement | null>, options: QrCameraOptions) {
  const [state, setState] = useState<CameraState>({ kind: 'off' })
  const opts = useRef(options)
  useEffect(() => {
    opts.current = options
  })
  const session = useRef<{ camera: QrCamera | null; stopLoop: () => void; id: number } | null>(null)
  const sessions = useRef(0)

  const stop = useCallback(() => {
    const current = session.current
    session.current = null
    current?.stopLoop()
    current?.camera?.close()
    setState({ kind: 'off' })
  }, [])

  const start = useCallback(async () => {
    if (session.current) return
    const id = ++sessions.current
    const current: { camera: QrCamera | null; stopLoop: () => void; id: number } = {
      camera: null,
      stopLoop: () => undefined,
      id,
    }
    session.current = current
    setState({ kind: 'starting' })
    try {
      current.camera = await opts.current.open(video.current)
    } catch (error) {
      if (session.current?.id !== id) return
      session.current = null
      const problem = error instanceof QrCameraError ? error.problem : 'unavailable'
      setState({ kind: 'problem', problem })
      return
    }
    if (session.current?.id !== id) return current.camera.close()
    setState({ kind: 'scanning', slow: false })
    const { scheduler, frameIntervalMs, noQrAfterMs, now } = opts.current
    const startedAt = now()
    let decoding = false
    current.stopLoop = scheduler.every(frameIntervalMs, () => {
      if (session.current?.id !== id) return
      if (now() - startedAt >= noQrAfterMs) {
        setState((s) => (s.kind === 'scanning' && !s.slow ? { kind: 'scanning', slow: true } : s))
      }
      const frame = decoding ? null : current.camera?.grab()
      if (!frame) return
      decoding = true
      void opts.current
        .decoder(frame)
        .catch(() => null)
        .then((text) => {
          decoding = false
          if (!text || session.current?.id !== id) return
          stop()
          opts.current.onPayload(text)
        })
    })
  }, [stop, video])

  useEffect(() => stop, [stop])
  return { state, start, stop }
}
