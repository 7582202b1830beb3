export {
  createBarcodeHandlers,
  createBarcodeListeners,
  type BarcodeChannel,
  type BarcodeHandlers,
  type BarcodeListeners,
} from './barcode-handlers'
export {
  createBarcodeScanners,
  type BarcodeScanners,
  type BarcodeScannersOptions,
} from './barcode-scanners'
export { dateTextOf, parsedCccdQrOf, parseQrPayload } from './qr-identity'
export { BarcodeConfigSchema, type BarcodeConfig } from './barcode-config'
