import { describe, expect, it } from 'vitest'
import { Ef01Driver } from '../ef01/driver'
import { INSTRUCTION } from '../ef01/instructions'
import { Cp2110BridgeSimulator } from '../sim/cp2110-bridge'
import { Ef01ModuleSimulator } from '../sim/ef01-module'
import { VirtualClock } from './clock'
import {
  CP2110,
  decodeUartConfig,
  encodeUartConfig,
  fromDataReport,
  toDataReports,
  uart8N1,
} from './cp2110'
import { openCp2110Transport } from './cp2110-transport'
import { TransportError } from './errors'

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase()

describe('CP2110 reports (AN434)', () => {
  it('encodes the UART configuration with a big-endian baud rate', () => {
    expect(hexOf(encodeUartConfig(uart8N1(115200)))).toBe('500001C200000003' + '00')
    expect(decodeUartConfig(encodeUartConfig(uart8N1(57600)))).toEqual(uart8N1(57600))
  })

  it('refuses rates the bridge cannot do', () => {
    expect(() => encodeUartConfig(uart8N1(1_500_000))).toThrow(TransportError)
    expect(() => encodeUartConfig(uart8N1(200))).toThrow(TransportError)
  })

  it('cuts writes into data reports of at most 63 bytes, the count as report ID', () => {
    const reports = toDataReports(new Uint8Array(130).map((_, i) => i))
    expect(reports.map((r) => r[0])).toEqual([63, 63, 4])
    expect(reports.map((r) => r.length)).toEqual([64, 64, 5])
    expect(Array.from(reports[2]!.subarray(1))).toEqual([126, 127, 128, 129])
  })

  it('strips the count from IN reports and ignores padding', () => {
    expect(Array.from(fromDataReport(Uint8Array.of(2, 0xaa, 0xbb, 0, 0, 0))!)).toEqual([0xaa, 0xbb])
    expect(fromDataReport(Uint8Array.of(0, 1))).toBeNull()
    expect(fromDataReport(Uint8Array.of(64, ...new Array<number>(64).fill(0)))).toBeNull()
    expect(fromDataReport(Uint8Array.of(5, 1, 2))).toBeNull()
  })
})

function hidSetup(options: { moduleBaud?: number; hostBaud?: number; pacing?: boolean } = {}) {
  const clock = new VirtualClock()
  const module = new Ef01ModuleSimulator({ clock, baudRate: options.moduleBaud ?? 57600 })
  const bridge = new Cp2110BridgeSimulator(module, { clock, pacing: options.pacing ?? false })
  const open = () =>
    openCp2110Transport(bridge, { baudRate: options.hostBaud ?? options.moduleBaud ?? 57600 })
  return { clock, module, bridge, open, run: <T>(p: Promise<T>) => clock.run(p) }
}

describe('CP2110 transport against the bridge simulator', () => {
  it('configures, enables and purges the UART before any data, breaking no AN434 rule', async () => {
    const { bridge, module, open, run, clock } = hidSetup()
    const stream = await run(open())
    expect(bridge.uartEnabled).toBe(true)
    expect(bridge.config).toEqual(uart8N1(57600))
    const driver = new Ef01Driver(stream, { clock })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    const { image } = await run(driver.uploadImage())
    expect(image.pixels).toHaveLength(256 * 288)
    expect(bridge.violations).toEqual([])
    // 40,044 bytes from the module in reports of ≤ 63 bytes.
    expect(bridge.reportsToHost).toBeGreaterThanOrEqual(Math.ceil(40044 / 63))
    await stream.close()
    expect(bridge.uartEnabled).toBe(false)
  })

  it('drops data sent before the UART is enabled, and says so', () => {
    const { bridge } = hidSetup()
    bridge.write([3, 1, 2, 3])
    expect(bridge.violations).toEqual(['data report while the UART is disabled'])
  })

  it('refuses a data report longer than 63 bytes', () => {
    const { bridge } = hidSetup()
    expect(() => bridge.write([64, ...new Array<number>(64).fill(0)])).toThrow(/report ID 64/)
  })

  it('garbles the link when the bridge and the module disagree on the baud rate', async () => {
    const { open, run, clock } = hidSetup({ moduleBaud: 57600, hostBaud: 115200 })
    const driver = new Ef01Driver(await run(open()), { clock })
    expect(await run(driver.open().catch((e: unknown) => e))).toMatchObject({
      code: 'ef01-no-answer',
    })
  })

  it('reports a bridge unplugged in the middle of an image as removed', async () => {
    const { module, open, run, clock } = hidSetup({ pacing: true })
    const driver = new Ef01Driver(await run(open()), { clock })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    module.injectFault({ kind: 'unplug', instruction: INSTRUCTION.UP_IMAGE, packet: 50 })
    const error = await run(driver.uploadImage().catch((e: unknown) => e))
    expect(error).toBeInstanceOf(TransportError)
    expect(error).toMatchObject({ transportCode: 'removed' })
  })

  it('moves one report per 1 ms USB frame: 63 kB/s at most, whatever the UART rate', async () => {
    const { module, open, run, clock, bridge } = hidSetup({ moduleBaud: 576000, pacing: true })
    const driver = new Ef01Driver(await run(open()), { clock })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    const { elapsedMs } = await run(driver.uploadImage())
    // UART 57.6 kB/s is the bound here (below the USB 63 kB/s); no FIFO overflow.
    expect(elapsedMs).toBeGreaterThanOrEqual((40056 / 57600) * 1000)
    expect(elapsedMs).toBeLessThan((40056 / 57600) * 1000 * 1.05)
    expect(bridge.droppedBytes).toBe(0)
  })

  it('loses bytes when the UART outruns USB (921600 baud, no flow control), and the driver says so', async () => {
    const { module, open, run, clock, bridge } = hidSetup({ moduleBaud: 921600, pacing: true })
    const driver = new Ef01Driver(await run(open()), { clock })
    await run(driver.open())
    module.placeFinger()
    await run(driver.takeImage())
    const error = await run(driver.uploadImage().catch((e: unknown) => e))
    expect(bridge.droppedBytes).toBeGreaterThan(0)
    expect(bridge.violations.some((v) => v.startsWith('receive FIFO overflow'))).toBe(true)
    expect(error).toHaveProperty('retryable', true)
    expect(CP2110.MAX_DATA).toBe(63)
  })
})
