import { messageRef } from '../../../lib/messages'
import { FingerprintError } from '../transport/errors'

export const captureErrorCodes = [
  'no-finger',
  'device-removed',
  'no-usable-image',
  'no-device',
  'bad-device',
] as const
export type CaptureErrorCode = (typeof captureErrorCodes)[number]

/** Why a capture as a whole failed (after its retries); the sentence is `messages.fingerprint.capture.*`. */
export class CaptureError extends FingerprintError {
  constructor(
    readonly captureCode: CaptureErrorCode,
    detail: string | null = null,
  ) {
    super(
      `capture-${captureCode}`,
      messageRef(`messages.fingerprint.capture.${captureCode}`),
      detail,
      captureCode !== 'bad-device',
    )
    this.name = 'CaptureError'
  }
}
