export {
  createFramer,
  decodeUtf8,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  encodeScan,
  type FrameEvent,
  type Framer,
  type FramerOptions,
  type FrameRefusal,
} from './codec/framer'
export { ManualClock, systemClock, type Clock, type Timer } from './driver/clock'
export {
  BarcodeScannerDriver,
  type ScannerDriverEvents,
  type ScannerDriverOptions,
  type ScannerState,
} from './driver/scanner-driver'
export {
  BarcodeLinkError,
  LinkEvents,
  type LinkErrorCode,
  type ScannerLink,
} from './transport/link'
export { openPtyPair, socatAvailable, type PtyPair } from './transport/pty-pair'
export {
  scannerPorts,
  SCANNER_USB_VENDORS,
  type ScannerPort,
  type ScannerPortInfo,
} from './transport/ports'
export { openSerialLink, SCANNER_BAUD_RATES, type SerialLinkOptions } from './transport/serial-link'
export { createSimulatedScannerLink } from './sim/in-process-link'
export { attachScannerToSerialPort, type ScannerSerialAttachment } from './sim/serial-attachment'
export {
  SimulatedBarcodeScanner,
  type ScannerSink,
  type ScanTerminator,
  type SimulatedScannerOptions,
} from './sim/simulated-scanner'
