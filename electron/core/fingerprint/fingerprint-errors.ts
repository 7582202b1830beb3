import {
  CancelledError,
  CaptureError,
  isNoDeviceError,
  TenPrintPolicyError,
  TransportError,
} from '../../../drivers/fingerprint'
import { errorMessage, KioskError } from '../../contract'

/**
 * The contract error for anything a capture or a ten-print rule threw: each code has a sentence in
 * errors.* saying what happened and what to do next; a policy refusal names its exact rule.
 */
export function fingerprintKioskError(error: unknown): KioskError {
  if (error instanceof KioskError) return error
  if (error instanceof TenPrintPolicyError) {
    return new KioskError('E_FINGER_REFUSED', `${error.code}: ${error.detail}`, {
      key: `messages.fingerprint.policy.${error.code}`,
    })
  }
  if (error instanceof CancelledError) return new KioskError('E_CANCELLED', error.message)
  if (isNoDeviceError(error)) return new KioskError('E_NO_SCANNER', errorMessage(error))
  if (error instanceof CaptureError) {
    switch (error.captureCode) {
      case 'no-finger':
        return new KioskError('E_SCANNER_TIMEOUT', error.message)
      case 'device-removed':
        return new KioskError('E_SCANNER_REMOVED', error.message)
      case 'bad-device':
        return new KioskError('E_NO_SCANNER', error.message)
      default:
        return new KioskError('E_FINGER_CAPTURE_FAILED', error.message)
    }
  }
  if (error instanceof TransportError) return new KioskError('E_SCANNER_REMOVED', error.message)
  return new KioskError('E_FINGER_CAPTURE_FAILED', errorMessage(error))
}
