export { fingerprintKioskError } from './fingerprint-errors'
export {
  createFingerprintHandlers,
  type FingerprintChannel,
  type FingerprintHandlers,
} from './fingerprint-handlers'
export {
  createFingerprintService,
  type FingerprintService,
  type FingerprintServiceDeps,
} from './fingerprint-service'
export {
  FingerprintSessionState,
  type FingerprintSessionDeps,
  type FingerprintSummary,
} from './fingerprint-session'
export { openListedScanner, TRAINING_FINGER_CITIZEN } from './scanner-source'
export { shrinkForPreview } from './preview'
