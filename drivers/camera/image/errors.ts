import { CatalogueError, messageRef } from '../../../lib/messages'

/** Why image bytes were not decoded or a frame not encoded. */
export const imageErrorCodes = [
  'E_IMAGE_FORMAT',
  'E_IMAGE_CORRUPT',
  'E_IMAGE_TOO_LARGE',
  'E_IMAGE_ENCODE',
] as const
export type ImageErrorCode = (typeof imageErrorCodes)[number]

const MESSAGE_KEYS: Record<ImageErrorCode, string> = {
  E_IMAGE_FORMAT: 'messages.camera.image.format',
  E_IMAGE_CORRUPT: 'messages.camera.image.corrupt',
  E_IMAGE_TOO_LARGE: 'messages.camera.image.tooLarge',
  E_IMAGE_ENCODE: 'messages.camera.image.encode',
}

/** Parameters each code's sentence fills in. */
export interface ImageErrorParams {
  E_IMAGE_FORMAT: Record<string, never>
  E_IMAGE_CORRUPT: { format: string }
  E_IMAGE_TOO_LARGE: { width: number; height: number; maxSide: number }
  E_IMAGE_ENCODE: { format: string }
}

/** The one failure of decoding untrusted image bytes or encoding our own frames. */
export class ImageError<C extends ImageErrorCode = ImageErrorCode> extends CatalogueError {
  constructor(
    readonly code: C,
    params: ImageErrorParams[C],
    detail: string | null = null,
  ) {
    super(messageRef(MESSAGE_KEYS[code], params), detail)
    this.name = 'ImageError'
  }
}
