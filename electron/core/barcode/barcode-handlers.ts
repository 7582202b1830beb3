import { KioskError, type RequestChannel } from '../../contract'
import type { Handlers } from '../dispatch'
import type { EventListener } from '../event-bus'
import type { BarcodeScanners } from './barcode-scanners'
import { parseQrPayload } from './qr-identity'

export type BarcodeChannel = Extract<RequestChannel, `barcode.${string}`>
export type BarcodeHandlers = Pick<Handlers, BarcodeChannel>

/**
 * Who hears the serial scanner. A scanner belongs to the station, not to one window, so a scan
 * cannot go "to the connection whose request caused it" as a chip read does. It goes to each
 * connection that asked with `barcode.listen` (the QR capture on screen), one event per connection,
 * through the core's citizen-data gate: a window that locked or signed out since it asked gets
 * nothing. Listening ends with `barcode.unlisten` or when the connection closes.
 */
export function createBarcodeListeners(emit: EventListener) {
  const listening = new Set<string>()
  return {
    listen: (connectionId: string) => void listening.add(connectionId),
    unlisten: (connectionId: string) => void listening.delete(connectionId),
    isListening: (connectionId: string) => listening.has(connectionId),
    deliver(payload: string): void {
      for (const connectionId of listening) emit('barcode.scanned', { payload }, connectionId)
    },
  }
}
export type BarcodeListeners = ReturnType<typeof createBarcodeListeners>

export function createBarcodeHandlers(deps: {
  listeners: BarcodeListeners
  scanners: BarcodeScanners
}): BarcodeHandlers {
  const { listeners, scanners } = deps
  const state = (listening: boolean) => ({ listening, scannerReady: scanners.anyReady() })
  return {
    'barcode.parseCccdQr': ({ payload }) => parseQrPayload(payload),
    'barcode.listen': (_input, { caller }) => {
      listeners.listen(caller.connectionId)
      return state(true)
    },
    'barcode.unlisten': (_input, { caller }) => {
      listeners.unlisten(caller.connectionId)
      return state(false)
    },
    'barcode.simulateScan': async ({ payload }) => {
      const scanner = scanners.simulated
      if (!scanner) {
        throw new KioskError(
          'E_NOT_SIMULATED',
          'the simulated QR scanner runs only in training mode',
        )
      }
      await scanner.scan(payload)
      return { sent: true }
    },
  }
}
