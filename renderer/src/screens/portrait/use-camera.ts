import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import {
  CameraError,
  type CameraInfo,
  type CameraPort,
  type CameraProblem,
  type LiveCamera,
} from './camera'

/** Where the officer's choice of camera is kept between sessions (a device id, nothing personal). */
export const CAMERA_CHOICE_KEY = 'kiosk.portrait.camera'

function rememberedCamera(): string | null {
  try {
    return globalThis.localStorage?.getItem(CAMERA_CHOICE_KEY) ?? null
  } catch {
    return null
  }
}

function remember(deviceId: string): void {
  try {
    globalThis.localStorage?.setItem(CAMERA_CHOICE_KEY, deviceId)
  } catch {
    // Storage refused (private mode): the choice lasts this screen only.
  }
}

export interface CameraState {
  cameras: CameraInfo[]
  chosen: string | null
  live: LiveCamera | null
  problem: { problem: CameraProblem; detail: string } | null
  opening: boolean
  choose(deviceId: string): void
  retry(): void
}

/**
 * Opens the chosen (or remembered, or first) camera into `video`; notices a track that ends (the
 * camera unplugged mid-preview) and closes the camera when the screen goes.
 */
export function useCamera(
  port: CameraPort,
  video: RefObject<HTMLVideoElement | null>,
  enabled: boolean,
): CameraState {
  const [cameras, setCameras] = useState<CameraInfo[]>([])
  const [chosen, setChosen] = useState<string | null>(rememberedCamera)
  const [live, setLive] = useState<LiveCamera | null>(null)
  const [problem, setProblem] = useState<CameraState['problem']>(null)
  const [attempt, setAttempt] = useState(0)
  const liveRef = useRef<LiveCamera | null>(null)

  useEffect(() => {
    if (!enabled) return
    let cancelled = false
    let stopEnded = () => {}
    const open = async () => {
      const known = await port.list().catch(() => [])
      const id = chosen && known.some((c) => c.deviceId === chosen) ? chosen : null
      const camera = await port.open(id, video.current)
      if (cancelled) return camera.close()
      liveRef.current = camera
      stopEnded = camera.onEnded(() => {
        camera.close()
        setLive(null)
        setProblem({ problem: 'unplugged', detail: '' })
      })
      setLive(camera)
      // Labels are only given once permission is granted: list again.
      setCameras(await port.list().catch(() => known))
    }
    open().catch((error: unknown) => {
      if (cancelled) return
      const e = error instanceof CameraError ? error : new CameraError('failed', String(error))
      setProblem({ problem: e.problem, detail: e.message })
      void port.list().then(setCameras, () => undefined)
    })
    return () => {
      cancelled = true
      stopEnded()
      liveRef.current?.close()
      liveRef.current = null
      setLive(null)
    }
  }, [port, video, chosen, attempt, enabled])

  const choose = useCallback((deviceId: string) => {
    remember(deviceId)
    setProblem(null)
    setChosen(deviceId)
    setAttempt((n) => n + 1)
  }, [])
  const retry = useCallback(() => {
    setProblem(null)
    setAttempt((n) => n + 1)
  }, [])
  return {
    cameras,
    chosen: live?.deviceId ?? chosen,
    live,
    problem,
    opening: enabled && !live && !problem,
    choose,
    retry,
  }
}
