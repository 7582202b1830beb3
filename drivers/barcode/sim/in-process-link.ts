import { BarcodeLinkError, LinkEvents, type ScannerLink } from '../transport/link'
import { SimulatedBarcodeScanner, type SimulatedScannerOptions } from './simulated-scanner'

/**
 * A simulated scanner and the link the driver reads it through, in one process (training mode,
 * `--simulate`, and the tests that need no socat). Each `open()` is a fresh plug-in; an unplug ends
 * the current link with `removed`, as a pulled USB cable does.
 */
export function createSimulatedScannerLink(options: SimulatedScannerOptions = {}): {
  scanner: SimulatedBarcodeScanner
  open: () => Promise<ScannerLink>
  /** Whether the driver has the link open now. */
  readonly connected: boolean
} {
  let events: LinkEvents | null = null
  const scanner = new SimulatedBarcodeScanner(
    {
      write: (bytes) => events?.emitData(bytes),
      unplug: () => {
        events?.emitClose(new BarcodeLinkError('removed', 'simulated scanner unplugged'))
        events = null
      },
    },
    options,
  )
  return {
    scanner,
    get connected() {
      return events !== null && !events.closed
    },
    open: async () => {
      const current = new LinkEvents()
      events = current
      return {
        label: 'sim',
        get closed() {
          return current.closed
        },
        onData: (listener) => current.onData(listener),
        onClose: (listener) => current.onClose(listener),
        close: async () => {
          current.emitClose(null)
          if (events === current) events = null
        },
      }
    },
  }
}
