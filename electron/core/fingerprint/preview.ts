import { encodeFingerImage, type FingerImage } from '../../../drivers/fingerprint'
import {
  FINGERPRINT_PREVIEW_BASE64_MAX,
  FINGERPRINT_PREVIEW_MAX_SIDE,
  type FingerName,
  type FingerprintPreviewEvent,
} from '../../contract'

/** Shrinks an image to fit the preview box by averaging whole source blocks (never enlarges). */
export function shrinkForPreview(
  image: FingerImage,
  maxSide = FINGERPRINT_PREVIEW_MAX_SIDE,
): FingerImage {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / maxSide))
  if (factor === 1) return image
  const width = Math.floor(image.width / factor)
  const height = Math.floor(image.height / factor)
  const pixels = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * image.width + x * factor
        for (let dx = 0; dx < factor; dx++) sum += image.pixels[row + dx] ?? 255
      }
      pixels[y * width + x] = Math.round(sum / (factor * factor))
    }
  }
  return { width, height, ppi: Math.round(image.ppi / factor), pixels }
}

/** The contract's preview event for a frame, or null if it would not fit the bound. */
export async function previewEvent(
  finger: FingerName,
  attempt: number,
  frame: FingerImage,
): Promise<FingerprintPreviewEvent | null> {
  const small = shrinkForPreview(frame)
  const png = await encodeFingerImage(small, 'png')
  const pngBase64 = Buffer.from(png).toString('base64')
  if (pngBase64.length > FINGERPRINT_PREVIEW_BASE64_MAX) return null
  return { finger, attempt, width: small.width, height: small.height, pngBase64 }
}
