import { describe, expect, it } from 'vitest'
import {
  BarcodeLinkError,
  createSimulatedScannerLink,
  type ScannerPortInfo,
} from '../../../drivers/barcode'
import { silentLogger } from '../log'
import { createBarcodeScanners } from './barcode-scanners'

const QR = '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Hà Nội|01012021'
const HONEYWELL: ScannerPortInfo = { path: '/dev/ttyACM0', vendorId: '0c2e', productId: '0b6a' }
const CH340: ScannerPortInfo = { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }

/** Scanners on simulated ports: each path a simulator link, `ports` what the listing shows. */
function rig() {
  const links = new Map<string, ReturnType<typeof createSimulatedScannerLink>>()
  const payloads: string[] = []
  let ports: ScannerPortInfo[] = [HONEYWELL, CH340]
  const busy = new Set<string>()
  const scanners = createBarcodeScanners({
    log: silentLogger,
    listPorts: async () => ({ ports }),
    openPort: async (path) => {
      if (busy.has(path)) throw new BarcodeLinkError('open-failed', `${path}: busy`)
      const link = links.get(path) ?? createSimulatedScannerLink()
      links.set(path, link)
      return link.open()
    },
    onPayload: (p) => payloads.push(p),
  })
  return {
    scanners,
    payloads,
    links,
    busy,
    setPorts: (next: ScannerPortInfo[]) => (ports = next),
  }
}

describe('barcode scanners on serial ports', () => {
  it('opens the port with a scanner USB id, not another USB-serial port, and hears it', async () => {
    const { scanners, payloads, links } = rig()
    expect(await scanners.probeSerial()).toEqual([
      {
        id: 'serial:/dev/ttyACM0',
        name: 'Honeywell (Metrologic) 0c2e:0b6a',
        connection: 'serial:/dev/ttyACM0',
        source: 'real',
        state: 'ready',
      },
    ])
    expect([...links.keys()]).toEqual(['/dev/ttyACM0'])
    expect(scanners.anyReady()).toBe(true)
    await links.get('/dev/ttyACM0')?.scanner.scan(QR)
    expect(payloads).toEqual([QR])
    await scanners.close()
  })

  it('keeps an open scanner across probes and closes it when its port goes away', async () => {
    const { scanners, links, setPorts } = rig()
    await scanners.probeSerial()
    await scanners.probeSerial()
    const link = links.get('/dev/ttyACM0')
    expect(link?.connected).toBe(true)
    setPorts([CH340])
    expect(await scanners.probeSerial()).toEqual([])
    expect(link?.connected).toBe(false)
    expect(scanners.anyReady()).toBe(false)
  })

  it('shows a port that will not open as error, and opens it at a later probe', async () => {
    const { scanners, busy } = rig()
    busy.add('/dev/ttyACM0')
    const [first] = await scanners.probeSerial()
    expect(first).toMatchObject({ state: 'error', detail: '/dev/ttyACM0: busy' })
    busy.clear()
    const [second] = await scanners.probeSerial()
    expect(second?.state).toBe('ready')
    await scanners.close()
  })

  it('names the scanner ports, by USB id and by config, for the other probes to skip', () => {
    const scanners = createBarcodeScanners({
      log: silentLogger,
      listPorts: async () => ({ ports: [] }),
      configuredPorts: [{ path: '/dev/ttyS4' }],
      onPayload: () => undefined,
    })
    expect(scanners.scannerPaths([HONEYWELL, CH340])).toEqual(['/dev/ttyACM0', '/dev/ttyS4'])
  })

  it('reopens a scanner that was unplugged and plugged back', async () => {
    const { scanners, links, payloads } = rig()
    await scanners.probeSerial()
    await links.get('/dev/ttyACM0')?.scanner.unplug()
    expect(scanners.anyReady()).toBe(false)
    const [again] = await scanners.probeSerial()
    expect(again?.state).toBe('ready')
    await links.get('/dev/ttyACM0')?.scanner.scan(QR, 'CRLF')
    expect(payloads).toEqual([QR])
    await scanners.close()
  })
})

describe('barcode scanners the config names', () => {
  it('opens a configured port at its rate whatever its USB id, and shows one that is missing', async () => {
    const opened: [string, number | undefined][] = []
    const sim = createSimulatedScannerLink()
    const payloads: string[] = []
    const scanners = createBarcodeScanners({
      log: silentLogger,
      listPorts: async () => ({ ports: [CH340] }),
      configuredPorts: [{ path: '/dev/ttyUSB0', baudRate: 115200 }, { path: '/dev/ttyS9' }],
      openPort: async (path, baudRate) => {
        opened.push([path, baudRate])
        if (path === '/dev/ttyS9') throw new BarcodeLinkError('not-found', `${path}: ENOENT`)
        return sim.open()
      },
      onPayload: (p) => payloads.push(p),
    })
    const found = await scanners.probeSerial()
    expect(found.map((f) => [f.id, f.name, f.state])).toEqual([
      ['serial:/dev/ttyS9', 'QR scanner (configured, 9600 Bd)', 'error'],
      ['serial:/dev/ttyUSB0', 'QR scanner (configured, 115200 Bd)', 'ready'],
    ])
    expect(opened).toEqual([
      ['/dev/ttyS9', undefined],
      ['/dev/ttyUSB0', 115200],
    ])
    await sim.scanner.scan(QR)
    expect(payloads).toEqual([QR])
    await scanners.close()
  })
})

describe('the training scanner', () => {
  it('starts once and delivers what it scans', async () => {
    const payloads: string[] = []
    const scanners = createBarcodeScanners({
      log: silentLogger,
      listPorts: async () => ({ ports: [] }),
      onPayload: (p) => payloads.push(p),
    })
    expect(scanners.simulated).toBeNull()
    expect(await scanners.startSimulated()).toMatchObject({ id: 'sim:barcode', state: 'ready' })
    expect(await scanners.startSimulated()).toMatchObject({ id: 'sim:barcode', state: 'ready' })
    await scanners.simulated?.scan(QR)
    await scanners.simulated?.sendGarbage()
    expect(payloads).toEqual([QR])
    await scanners.close()
    expect(scanners.anyReady()).toBe(false)
  })
})
