/** The frame size the analysis and the token geometry are made for. */
export const FRAME_WIDTH = 640
export const FRAME_HEIGHT = 480

/** Why there is no live preview; each has a bilingual message and a way forward. */
export const cameraProblems = [
  'no-camera',
  'permission-denied',
  'unplugged',
  'wrong-size',
  'failed',
] as const
export type CameraProblem = (typeof cameraProblems)[number]

export class CameraError extends Error {
  constructor(
    readonly problem: CameraProblem,
    detail = '',
  ) {
    super(detail || problem)
    this.name = 'CameraError'
  }
}

export interface CameraInfo {
  readonly deviceId: string
  /** Empty until the camera permission is granted (the chooser then numbers the cameras). */
  readonly label: string
}

/** A camera that is showing its preview. */
export interface LiveCamera {
  readonly deviceId: string
  readonly width: number
  readonly height: number
  /** The current frame's pixels, or null when the video has none yet. */
  grab(): ImageData | null
  /** Called once when the track ends (the camera was unplugged or taken away). */
  onEnded(listener: () => void): () => void
  close(): void
}

/** Cameras as the screen sees them (getUserMedia in the kiosk, a fake in component tests). */
export interface CameraPort {
  list(): Promise<CameraInfo[]>
  /** Opens `deviceId` (null: the first) into `video`; rejects with a CameraError. */
  open(deviceId: string | null, video: HTMLVideoElement | null): Promise<LiveCamera>
}

function problemOf(error: unknown): CameraError {
  if (error instanceof CameraError) return error
  const name = error instanceof Error ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return new CameraError('permission-denied', name)
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError')
    return new CameraError(name === 'NotReadableError' ? 'failed' : 'no-camera', name)
  return new CameraError('failed', error instanceof Error ? error.message : String(error))
}

function waitForFrames(video: HTMLVideoElement): Promise<void> {
  if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) return Promise.resolve()
  return new Promise((resolve) =>
    video.addEventListener('loadeddata', () => resolve(), { once: true }),
  )
}

function liveCamera(stream: MediaStream, video: HTMLVideoElement): LiveCamera {
  const track = stream.getVideoTracks()[0]
  if (!track) throw new CameraError('no-camera')
  const width = video.videoWidth
  const height = video.videoHeight
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d', { willReadFrequently: true })
  return {
    deviceId: track.getSettings().deviceId ?? '',
    width,
    height,
    grab() {
      if (!context || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return null
      context.drawImage(video, 0, 0, width, height)
      return context.getImageData(0, 0, width, height)
    },
    onEnded(listener) {
      track.addEventListener('ended', listener, { once: true })
      return () => track.removeEventListener('ended', listener)
    },
    close() {
      for (const t of stream.getTracks()) t.stop()
      video.srcObject = null
    },
  }
}

/** The kiosk's cameras through navigator.mediaDevices, 640×480 asked for and checked. */
export function browserCameras(
  media: MediaDevices | undefined = navigator.mediaDevices,
): CameraPort {
  return {
    async list() {
      if (!media) return []
      const devices = await media.enumerateDevices()
      return devices
        .filter((d) => d.kind === 'videoinput')
        .map((d) => ({ deviceId: d.deviceId, label: d.label }))
    },
    async open(deviceId, video) {
      if (!media?.getUserMedia || !video) throw new CameraError('no-camera')
      let stream: MediaStream
      try {
        stream = await media.getUserMedia({
          audio: false,
          video: {
            ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
            width: { ideal: FRAME_WIDTH },
            height: { ideal: FRAME_HEIGHT },
          },
        })
      } catch (error) {
        throw problemOf(error)
      }
      video.srcObject = stream
      await video.play().catch(() => undefined)
      await waitForFrames(video)
      if (video.videoWidth !== FRAME_WIDTH || video.videoHeight !== FRAME_HEIGHT) {
        const size = `${video.videoWidth}×${video.videoHeight}`
        for (const t of stream.getTracks()) t.stop()
        throw new CameraError('wrong-size', size)
      }
      return liveCamera(stream, video)
    },
  }
}
