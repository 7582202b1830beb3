/**
 * A barcode scanner the kiosk holds open, as core/barcode reports it to the device list (a scanner
 * never answers a probe: it is found by its port's USB id, and its health is whether it opened).
 */
export interface ScannerFinding {
  id: string
  name: string
  connection: string
  source: 'real' | 'simulated'
  state: 'ready' | 'error'
  detail?: string
}

export type BarcodeProbe = () => Promise<ScannerFinding[]>
