import { createZxingDecoder, type QrDecoder } from './qr-decoder'

/** The bundled reader .wasm (electron.vite.config.ts puts it at qr/ beside the page). */
export const ZXING_WASM_PATH = 'qr/zxing_reader.wasm'

let shared: QrDecoder | null = null

/** The kiosk's decoder: zxing's reader .wasm from our own origin, compiled on first use. */
export function browserQrDecoder(): QrDecoder {
  shared ??= createZxingDecoder({ url: new URL(ZXING_WASM_PATH, document.baseURI).href })
  return shared
}

/** A camera showing its preview, as the QR capture uses it. */
export interface QrCamera {
  /** The current frame, or null while the video has none. */
  grab(): ImageData | null
  close(): void
}

/** Why the camera cannot help (texts: barcode.camera.*). */
export const qrCameraProblems = ['denied', 'unavailable'] as const
export type QrCameraProblem = (typeof qrCameraProblems)[number]

export class QrCameraError extends Error {
  constructor(
    readonly problem: QrCameraProblem,
    detail: string,
  ) {
    super(detail)
    this.name = 'QrCameraError'
  }
}

/** Opens a camera into `video` (getUserMedia in the kiosk; a fake in component tests). */
export type OpenQrCamera = (video: HTMLVideoElement | null) => Promise<QrCamera>

/** The first camera, asked for at 1280×720: a QR code's modules need more pixels than a face. */
export const openBrowserQrCamera: OpenQrCamera = async (video) => {
  const media = globalThis.navigator?.mediaDevices
  if (!media?.getUserMedia || !video) throw new QrCameraError('unavailable', 'no mediaDevices')
  let stream: MediaStream
  try {
    stream = await media.getUserMedia({
      audio: false,
      video: { width: { ideal: 1280 }, height: { ideal: 720 }, facingMode: 'environment' },
    })
  } catch (error) {
    const name = error instanceof Error ? error.name : ''
    const denied = name === 'NotAllowedError' || name === 'SecurityError'
    throw new QrCameraError(denied ? 'denied' : 'unavailable', name || String(error))
  }
  video.srcObject = stream
  await video.play().catch(() => undefined)
  let context: OffscreenCanvasRenderingContext2D | null = null
  return {
    grab() {
      const { videoWidth: width, videoHeight: height } = video
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || width === 0) return null
      if (!context || context.canvas.width !== width || context.canvas.height !== height) {
        context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })
      }
      if (!context) return null
      context.drawImage(video, 0, 0, width, height)
      return context.getImageData(0, 0, width, height)
    },
    close() {
      for (const track of stream.getTracks()) track.stop()
      video.srcObject = null
    },
  }
}
