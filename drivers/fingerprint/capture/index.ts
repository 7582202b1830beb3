export {
  CaptureService,
  type AttemptRecord,
  type CaptureEvent,
  type CaptureRequest,
  type CaptureResult,
  type CaptureServiceOptions,
  type CaptureState,
  type RetryReason,
} from './capture-service'
export { Ef01Scanner } from './ef01-scanner'
export { CaptureError, type CaptureErrorCode } from './errors'
export {
  isNoDeviceError,
  parseDeviceSpec,
  readTrustFile,
  scannerSource,
  type DeviceSpec,
  type OpenDeviceOptions,
  type ScannerSource,
} from './open-device'
export { createQualityGate, type QualityGate, type QualityVerdict } from './quality-gate'
export type {
  AcquiredImage,
  AcquireOptions,
  AcquireProgress,
  FingerprintScanner,
  ScannerInfo,
} from './scanner'
export { SbiScanner, type SbiScannerOptions } from './sbi-scanner'
