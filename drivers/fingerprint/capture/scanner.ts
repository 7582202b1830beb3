import type { FingerImage, FingerName } from '../finger-image'

export interface ScannerInfo {
  kind: 'ef01' | 'sbi'
  /** Model as the device says (or as far as the protocol tells). */
  model: string
  /** Where it is attached: `serial:/dev/ttyUSB0`, `hid:10c4:ea80`, `sim`, `sbi:4501`. */
  transport: string
  width: number
  height: number
  ppi: number
  /** Certified, 8-bit, large enough for registration (SBI devices); EF01 modules are not. */
  enrolmentGrade: boolean
}

export interface AcquireProgress {
  bytesReceived: number
  bytesTotal: number
  /** The image as far as it has arrived (the rest white); computed only when asked for. */
  preview?: () => FingerImage
  /** A preview frame as the device encoded it (SBI STREAM: M-JPEG parts). */
  encodedFrame?: { contentType: string; bytes: Uint8Array }
}

export interface AcquiredImage {
  image: FingerImage
  /** NFIQ 2 as the device computed it (SBI), or null. */
  deviceNfiq2: number | null
  /** The device's own ISO/IEC 19794-4 record (SBI), kept as signed by the device. */
  deviceRecord: Uint8Array | null
  /** Bytes that crossed the link for this image, framing included. */
  bytesOnWire: number
}

export interface AcquireOptions {
  finger: FingerName
  signal?: AbortSignal
  onProgress?: (progress: AcquireProgress) => void
  /** The quality the device should aim for (SBI `requestedScore`). */
  requestedScore?: number
}

/**
 * A fingerprint scanner as the capture service drives it: wait for the finger, take the image,
 * wait for the lift. EF01 modules do each step over the wire; an SBI device does the waiting itself
 * inside one capture call, so its waits return at once.
 */
export interface FingerprintScanner {
  readonly info: ScannerInfo
  /** Bytes that crossed the link since the scanner was opened, both directions. */
  bytesOnWire(): number
  /** Tells a simulated device which finger the virtual citizen presents; real devices ignore it. */
  present?(finger: FingerName): void
  waitForFinger(signal: AbortSignal): Promise<void>
  acquire(options: AcquireOptions): Promise<AcquiredImage>
  waitForLift(signal: AbortSignal): Promise<void>
  close(): Promise<void>
}
