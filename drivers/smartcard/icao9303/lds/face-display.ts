import type { FaceImage } from './dg2'
import { jpeg2000ToPng } from './jpeg2000'

export interface DisplayImage {
  mimeType: 'image/jpeg' | 'image/png'
  bytes: Uint8Array
}

/** A face image a browser can show: JPEG as stored; JPEG 2000 decoded and re-encoded as PNG. */
export async function displayableFaceImage(
  face: Pick<FaceImage, 'format' | 'image'>,
): Promise<DisplayImage> {
  if (face.format === 'jpeg') return { mimeType: 'image/jpeg', bytes: face.image }
  return { mimeType: 'image/png', bytes: await jpeg2000ToPng(face.image) }
}
