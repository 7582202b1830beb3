import {
  createBarcodeHandlers,
  createBarcodeListeners,
  createBarcodeScanners,
  type BarcodeHandlers,
  type BarcodeListeners,
  type BarcodeScanners,
} from './barcode'
import { probeSerial } from './devices'
import type { BarcodeConfig } from './barcode/barcode-config'
import type { EventListener } from './event-bus'
import type { Logger } from './log'

export interface BarcodeWiring {
  scanners: BarcodeScanners
  listeners: BarcodeListeners
  handlers: BarcodeHandlers
}

/**
 * The QR code as an identity source: the serial scanners (opened as the device probe finds them),
 * the connections listening for their scans, and the `barcode.*` handlers. `emit` is the core's
 * citizen-data gate, so each scan reaches only listening windows whose session may see it.
 */
export function startBarcode(
  emit: EventListener,
  log: Logger,
  config: BarcodeConfig | undefined,
): BarcodeWiring {
  const listeners = createBarcodeListeners(emit)
  const scanners = createBarcodeScanners({
    log,
    configuredPorts: config?.ports ?? [],
    listPorts: probeSerial,
    onPayload: (payload) => listeners.deliver(payload),
  })
  return { scanners, listeners, handlers: createBarcodeHandlers({ listeners, scanners }) }
}
