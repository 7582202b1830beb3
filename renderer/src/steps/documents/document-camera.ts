/**
 * The webcam for document photos: open it into a <video>, grab the frame shown as JPEG base64.
 * A port, so component tests give a fake one (happy-dom has no camera and no canvas).
 */
export interface DocumentCamera {
  /** Starts the camera into `video`; resolves with the function that stops it. */
  open(video: HTMLVideoElement): Promise<() => void>
  /** The frame `video` shows now, as JPEG, base64 without the data-URL prefix. */
  grab(video: HTMLVideoElement): string
}

const JPEG_QUALITY = 0.85

export const browserDocumentCamera: DocumentCamera = {
  async open(video) {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1920 }, height: { ideal: 1080 } },
      audio: false,
    })
    video.srcObject = stream
    await video.play()
    return () => {
      for (const track of stream.getTracks()) track.stop()
      video.srcObject = null
    }
  },
  grab(video) {
    const canvas = document.createElement('canvas')
    canvas.width = video.videoWidth
    canvas.height = video.videoHeight
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no 2D canvas')
    context.drawImage(video, 0, 0)
    return canvas.toDataURL('image/jpeg', JPEG_QUALITY).replace(/^data:image\/jpeg;base64,/, '')
  },
}
