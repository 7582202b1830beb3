import { afterEach, describe, expect, it } from 'vitest'
import { createSimulatedScannerLink } from '../sim/in-process-link'
import { attachScannerToSerialPort } from '../sim/serial-attachment'
import { SimulatedBarcodeScanner, type SimulatedScannerOptions } from '../sim/simulated-scanner'
import { BarcodeLinkError } from '../transport/link'
import { openPtyPair, socatAvailable } from '../transport/pty-pair'
import { openSerialLink } from '../transport/serial-link'
import { ManualClock, systemClock } from './clock'
import { BarcodeScannerDriver, type ScannerState } from './scanner-driver'

const QR = '001099012345|123456789|Nguyễn Văn A|15031999|Nam|Số 1, Phường A, Hà Nội|01012021'
const IDLE_MS = 80

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined)
})

interface Rig {
  driver: BarcodeScannerDriver
  scanner: SimulatedBarcodeScanner
  /** Lets the idle timeout pass (the manual clock moves; real time passes by itself). */
  passIdle(): void
}

/** The driver over the in-process simulator link, on a manual clock. */
async function inProcessRig(options: SimulatedScannerOptions = {}): Promise<Rig> {
  const clock = new ManualClock()
  const sim = createSimulatedScannerLink({ chunkBytes: 7, ...options })
  const driver = new BarcodeScannerDriver(sim.open, { clock, framing: framingOf(options) })
  cleanup.push(() => driver.close())
  return { driver, scanner: sim.scanner, passIdle: () => clock.advance(IDLE_MS) }
}

/** The real serialport binding on one end of a socat pty pair, the simulator on the other. */
async function ptyRig(options: SimulatedScannerOptions = {}): Promise<Rig> {
  if (!socatAvailable())
    throw new Error('these tests need socat, which is not installed: apt install socat')
  const pair = await openPtyPair()
  cleanup.push(() => pair.close())
  const attachment = await attachScannerToSerialPort(pair.devicePath)
  cleanup.push(() => attachment.close())
  const scanner = new SimulatedBarcodeScanner(
    { write: (b) => attachment.write(b), unplug: () => pair.close() },
    { chunkBytes: 64, ...options },
  )
  const driver = new BarcodeScannerDriver(
    () => openSerialLink({ path: pair.hostPath, presenceCheckMs: 20 }),
    { clock: systemClock, framing: framingOf(options) },
  )
  cleanup.push(() => driver.close())
  return { driver, scanner, passIdle: () => undefined }
}

/** The driver set up as the scanner is (prefix and suffix), with a short idle timeout. */
function framingOf(options: SimulatedScannerOptions) {
  return {
    idleTimeoutMs: IDLE_MS,
    ...(options.prefix ? { prefix: options.prefix } : {}),
    ...(options.suffix ? { suffix: options.suffix } : {}),
  }
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function next<T>(subscribe: (resolve: (value: T) => void) => () => void): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((value) => {
      off()
      resolve(value)
    })
  })
}
const nextPayload = (d: BarcodeScannerDriver) => next<string>((r) => d.on('payload', r))
const nextRefusal = (d: BarcodeScannerDriver) =>
  next<string>((r) => d.on('refused', (reason) => r(reason)))
const nextState = (d: BarcodeScannerDriver) =>
  next<ScannerState>((r) => d.on('state', (state) => r(state)))

const rigs = [
  { name: 'in-process simulator link', make: inProcessRig },
  { name: 'socat pty pair (needs socat)', make: ptyRig },
]

for (const rig of rigs) {
  describe(`barcode scanner driver over the ${rig.name}`, { timeout: 20_000 }, () => {
    it('goes closed → opening → ready and emits each scan', async () => {
      const { driver, scanner } = await rig.make()
      const states: ScannerState[] = []
      driver.on('state', (s) => states.push(s))
      await driver.open()
      expect(states).toEqual(['opening', 'ready'])
      const first = nextPayload(driver)
      await scanner.scan(QR, 'CRLF')
      expect(await first).toBe(QR)
      const second = nextPayload(driver)
      await scanner.scan('079203001234|||01011990|Nữ||', 'LF')
      expect(await second).toBe('079203001234|||01011990|Nữ||')
    })

    it('strips the prefix and suffix the scanner is set to send', async () => {
      const { driver, scanner } = await rig.make({ prefix: 'STX', suffix: 'ETX' })
      await driver.open()
      const payload = nextPayload(driver)
      await scanner.scan(QR)
      expect(await payload).toBe(QR)
    })

    it('refuses line noise and reads the scan after it', async () => {
      const { driver, scanner } = await rig.make()
      await driver.open()
      const refusal = nextRefusal(driver)
      const payload = nextPayload(driver)
      await scanner.sendGarbage()
      await scanner.scan(QR)
      expect(await refusal).toBe('invalid-utf8')
      expect(await payload).toBe(QR)
    })

    it('gives up a scan cut off before its terminator after the idle timeout', async () => {
      const { driver, scanner, passIdle } = await rig.make()
      await driver.open()
      const refusal = nextRefusal(driver)
      await scanner.sendTruncated(QR, 40)
      passIdle()
      expect(await refusal).toBe('incomplete')
      const payload = nextPayload(driver)
      await scanner.scan(QR)
      expect(await payload).toBe(QR)
    })

    it('goes to error when the scanner is unplugged', async () => {
      const { driver, scanner } = await rig.make()
      await driver.open()
      const state = nextState(driver)
      await scanner.unplug()
      expect(await state).toBe('error')
      expect(driver.error).toBeInstanceOf(BarcodeLinkError)
      expect(driver.error?.code).toBe('removed')
    })

    it('closes through closing and ignores a second close', async () => {
      const { driver } = await rig.make()
      await driver.open()
      const states: ScannerState[] = []
      driver.on('state', (s) => states.push(s))
      await driver.close()
      await driver.close()
      expect(states).toEqual(['closing', 'closed'])
    })
  })
}

describe('barcode scanner driver: opening', () => {
  it('is in error with not-found when the port does not exist, and can open again later', async () => {
    const driver = new BarcodeScannerDriver(() => openSerialLink({ path: '/dev/no-such-scanner' }))
    const error = await driver.open().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BarcodeLinkError)
    expect(error).toMatchObject({ code: 'not-found' })
    expect(driver.state).toBe('error')
    await expect(driver.open()).rejects.toMatchObject({ code: 'not-found' })
  })

  it('refuses to open twice', async () => {
    const sim = createSimulatedScannerLink()
    const driver = new BarcodeScannerDriver(sim.open)
    await driver.open()
    await expect(driver.open()).rejects.toThrow(/ready/)
    expect(sim.connected).toBe(true)
    await driver.close()
    expect(sim.connected).toBe(false)
  })

  it('lets the port go when closed while it was opening', async () => {
    const sim = createSimulatedScannerLink()
    let release: () => void = () => undefined
    const opening = new Promise<void>((resolve) => (release = resolve))
    const driver = new BarcodeScannerDriver(async () => {
      await opening
      return sim.open()
    })
    const opened = driver.open()
    await driver.close()
    release()
    await opened
    expect(driver.state).toBe('closed')
    expect(sim.connected).toBe(false)
  })

  it('paces a scan at the baud rate on the injected clock', async () => {
    const clock = new ManualClock()
    const sim = createSimulatedScannerLink({ chunkBytes: 10, pacing: { clock, baudRate: 9600 } })
    const driver = new BarcodeScannerDriver(sim.open, { clock })
    await driver.open()
    const received: string[] = []
    driver.on('payload', (p) => received.push(p))
    const sent = sim.scanner.scan('0123456789ABCDEFGHI')
    // Two chunks of 10 bytes (the CR is the twentieth); 10 bytes at 9600 Bd (8N1) take 10.4 ms.
    await settle()
    clock.advance(10)
    await settle()
    expect(received).toEqual([])
    clock.advance(1)
    await sent
    expect(received).toEqual(['0123456789ABCDEFGHI'])
  })
})
