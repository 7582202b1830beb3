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
export {
  EF01_PROBE_BAUD_RATES,
  EF01_SKIP_REASONS,
  ef01CandidatePorts,
  probeEf01Port,
  probeEf01Ports,
  type Ef01PortFinding,
  type Ef01ProbeOptions,
  type Ef01SkipReason,
} from './serial-probe'
