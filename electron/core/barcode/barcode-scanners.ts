import {
  BarcodeScannerDriver,
  createSimulatedScannerLink,
  openSerialLink,
  scannerPorts,
  type Clock,
  type ScannerLink,
  type ScannerPort,
  type ScannerPortInfo,
  type SimulatedBarcodeScanner,
} from '../../../drivers/barcode'
import type { ScannerFinding } from '../devices'
import type { Logger } from '../log'

export interface BarcodeScannersOptions {
  clock?: Clock
  log: Logger
  /** The serial ports on this machine (the device manager's serial probe). */
  listPorts: () => Promise<{ ports: ScannerPortInfo[]; error?: string }>
  /** Ports the config file names as scanners, whatever their USB id (and their rate). */
  configuredPorts?: readonly { path: string; baudRate?: number }[]
  /** How a port is opened; default: serialport at the configured rate, else 9600 Bd. */
  openPort?: (path: string, baudRate: number | undefined) => Promise<ScannerLink>
  /** Every payload any scanner read. */
  onPayload: (payload: string) => void
}

export interface BarcodeScanners {
  /** Which of the listed ports are scanners (by USB id or config): other probes leave them alone. */
  scannerPaths(listed: readonly ScannerPortInfo[]): string[]
  /** Finds scanners on the serial ports, opens new ones, closes those whose port went away. */
  probeSerial(): Promise<ScannerFinding[]>
  /** Starts the training scanner (simulated devices); the device list shows it. */
  startSimulated(): Promise<ScannerFinding>
  /** The training scanner, once started. */
  readonly simulated: SimulatedBarcodeScanner | null
  /** Whether any scanner is open and ready now. */
  anyReady(): boolean
  close(): Promise<void>
}

/**
 * The scanners found by USB id and those the config names (tried even when the listing lacks
 * them: a port that will not open then shows as an error, which is what support needs to see).
 */
function withConfigured(
  found: ScannerPort[],
  configured: readonly { path: string; baudRate?: number }[],
): (ScannerPort & { baudRate?: number })[] {
  const ports: (ScannerPort & { baudRate?: number })[] = found.filter(
    (p) => !configured.some((c) => c.path === p.path),
  )
  for (const c of configured) {
    const name = `QR scanner (configured, ${c.baudRate ?? 9600} Bd)`
    ports.push({ path: c.path, name, ...(c.baudRate ? { baudRate: c.baudRate } : {}) })
  }
  return ports.sort((a, b) => a.path.localeCompare(b.path))
}

/** A driver's state as the device list shows it. */
function finding(
  id: string,
  name: string,
  driver: BarcodeScannerDriver,
  source: 'real' | 'simulated',
): ScannerFinding {
  return {
    id,
    name,
    connection: source === 'real' ? id : 'in-process',
    source,
    state: driver.state === 'ready' ? 'ready' : 'error',
    ...(driver.error ? { detail: driver.error.message.slice(0, 500) } : {}),
  }
}

/**
 * The serial barcode scanners the kiosk holds open. A scanner is opened when the device probe
 * first sees its port and stays open while the port exists; one that failed (busy, unplugged and
 * back) is opened again at the next probe.
 */
export function createBarcodeScanners(options: BarcodeScannersOptions): BarcodeScanners {
  const { log } = options
  const open =
    options.openPort ??
    ((path: string, baudRate: number | undefined) =>
      openSerialLink({ path, ...(baudRate ? { baudRate } : {}) }))
  const configured = options.configuredPorts ?? []
  const drivers = new Map<string, { driver: BarcodeScannerDriver; port: ScannerPort }>()
  let simulated: { driver: BarcodeScannerDriver; scanner: SimulatedBarcodeScanner } | null = null
  // A device probe still running when the core closes must not open a port after close().
  let closed = false

  const makeDriver = (openLink: () => Promise<ScannerLink>, label: string) => {
    const driver = new BarcodeScannerDriver(openLink, options.clock ? { clock: options.clock } : {})
    driver.on('payload', options.onPayload)
    driver.on('refused', (reason, bytes) =>
      log.info('barcode scan refused', { label, reason, bytes }),
    )
    return driver
  }

  const ensureOpen = async (driver: BarcodeScannerDriver, label: string) => {
    if (closed || (driver.state !== 'closed' && driver.state !== 'error')) return
    await driver
      .open()
      .catch((error: unknown) =>
        log.warn('barcode scanner did not open', { label, error: String(error) }),
      )
  }

  return {
    scannerPaths: (listed) => withConfigured(scannerPorts(listed), configured).map((p) => p.path),
    async probeSerial() {
      const listed = await options.listPorts()
      const ports = withConfigured(scannerPorts(listed.ports), configured)
      for (const [path, entry] of [...drivers]) {
        if (ports.some((p) => p.path === path)) continue
        drivers.delete(path)
        await entry.driver.close()
      }
      const found: ScannerFinding[] = []
      // One port after another: opening is quick, and the order keeps the list stable.
      for (const port of ports) {
        const entry = drivers.get(port.path) ?? {
          driver: makeDriver(() => open(port.path, port.baudRate), port.path),
          port,
        }
        drivers.set(port.path, entry)
        await ensureOpen(entry.driver, port.path)
        found.push(finding(`serial:${port.path}`, port.name, entry.driver, 'real'))
      }
      return found
    },
    async startSimulated() {
      if (!simulated) {
        const sim = createSimulatedScannerLink()
        simulated = { driver: makeDriver(sim.open, 'sim'), scanner: sim.scanner }
      }
      await ensureOpen(simulated.driver, 'sim')
      return finding('sim:barcode', 'QR scanner (simulated)', simulated.driver, 'simulated')
    },
    get simulated() {
      return simulated?.scanner ?? null
    },
    anyReady: () =>
      simulated?.driver.state === 'ready' ||
      [...drivers.values()].some((d) => d.driver.state === 'ready'),
    async close() {
      closed = true
      const all = [...drivers.values()].map((d) => d.driver)
      if (simulated) all.push(simulated.driver)
      drivers.clear()
      await Promise.all(all.map((d) => d.close()))
    },
  }
}
