import { packGrey4, unpackGrey4 } from '../../drivers/fingerprint/ef01'
import { Ef01Driver } from '../../drivers/fingerprint/ef01/driver'
import { kioskQualityScore } from '../../drivers/fingerprint/quality'
import {
  attachModuleToSerialPort,
  Cp2110BridgeSimulator,
  connectSimulatedSerial,
  Ef01ModuleSimulator,
  placeholderFingerImage,
} from '../../drivers/fingerprint/sim'
import { syntheticFingerImage, SYNTHETIC_SIZES } from '../../drivers/fingerprint/synthetic'
import {
  CP2110,
  openCp2110Transport,
  openPtyPair,
  openSerialTransport,
  type ByteStream,
} from '../../drivers/fingerprint/transport'
import { formatTiming, time } from './stats'

type Link = 'serial' | 'pty' | 'hid'

interface TransferCase {
  label: string
  link: Link
  baud: number
  packetSize?: 128 | 256
}

const CASES: TransferCase[] = [
  { label: 'UART 57600 (EF01 default)', link: 'serial', baud: 57600 },
  { label: 'UART 115200 (EF01 maximum)', link: 'serial', baud: 115200 },
  { label: 'UART 921600', link: 'serial', baud: 921600 },
  { label: 'UART 921600, 256-byte packets', link: 'serial', baud: 921600, packetSize: 256 },
  { label: 'pty 921600 (real serialport binding)', link: 'pty', baud: 921600 },
  { label: 'CP2110 HID, UART 115200', link: 'hid', baud: 115200 },
  { label: 'CP2110 HID, UART 576000', link: 'hid', baud: 576000 },
  { label: 'CP2110 HID, UART 921600', link: 'hid', baud: 921600 },
]

/** Bytes per second the link can carry: the UART's, or the USB frames' if those are slower. */
function linkBound(c: TransferCase): number {
  const uart = c.baud / 10
  return c.link === 'hid' ? Math.min(uart, CP2110.MAX_DATA * 1000) : uart
}

async function openLink(c: TransferCase, module: Ef01ModuleSimulator) {
  const cleanup: (() => Promise<void>)[] = []
  let stream: ByteStream
  let bridge: Cp2110BridgeSimulator | null = null
  if (c.link === 'serial') {
    stream = connectSimulatedSerial(module)
  } else if (c.link === 'hid') {
    bridge = new Cp2110BridgeSimulator(module)
    stream = await openCp2110Transport(bridge, { baudRate: c.baud })
  } else {
    const pair = await openPtyPair()
    cleanup.push(() => pair.close())
    const attachment = await attachModuleToSerialPort(module, { path: pair.devicePath })
    cleanup.push(() => attachment.close())
    stream = await openSerialTransport({ path: pair.hostPath, baudRate: c.baud })
  }
  cleanup.push(() => stream.close())
  return {
    stream,
    bridge,
    close: async () => {
      for (const fn of cleanup.reverse()) await fn()
    },
  }
}

/**
 * Image upload through the whole host stack (driver, transport, and the simulator pacing the wire
 * in real time) against the wire's own bound: efficiency = bound time / measured time.
 */
export async function runTransferBench(print: (line: string) => void): Promise<void> {
  const image = placeholderFingerImage(256, 288, 500, 1)
  print('Image upload, 256×288 at 4 bits (UpImage), real time; bound = wire bytes / link rate')
  for (const c of CASES) {
    const module = new Ef01ModuleSimulator({
      baudRate: c.baud,
      packetSize: c.packetSize ?? 128,
      imageSource: () => image,
    })
    const link = await openLink(c, module).catch((error: unknown) => {
      print(`  ${c.label.padEnd(40)} not run: ${(error as Error).message}`)
      return null
    })
    if (!link) continue
    try {
      const driver = new Ef01Driver(link.stream)
      await driver.open()
      module.placeFinger()
      await driver.takeImage()
      const runs = c.baud >= 500_000 ? 3 : 1
      const samples: { ms: number; wire: number }[] = []
      let failure: string | null = null
      for (let i = 0; i < runs && !failure; i++) {
        try {
          const r = await driver.uploadImage()
          samples.push({ ms: r.elapsedMs, wire: r.wireBytes })
        } catch (error) {
          failure = (error as Error).message
        }
      }
      if (failure || samples.length === 0) {
        const lost = link.bridge
          ? `; ${link.bridge.droppedBytes} bytes lost to the 480-byte RX FIFO`
          : ''
        print(`  ${c.label.padEnd(40)} FAILED (${failure}${lost})`)
        continue
      }
      samples.sort((a, b) => a.ms - b.ms)
      const median = samples[Math.floor(samples.length / 2)]!
      const boundMs = (median.wire / linkBound(c)) * 1000
      const efficiency = (100 * boundMs) / median.ms
      const payload = (100 * 36864) / median.wire
      print(
        `  ${c.label.padEnd(40)} ${median.ms.toFixed(0).padStart(5)} ms  bound ${boundMs.toFixed(0).padStart(5)} ms  ` +
          `efficiency ${efficiency.toFixed(1)} %  (image bytes ${payload.toFixed(1)} % of ${median.wire} on the wire)`,
      )
    } finally {
      await link.close()
    }
  }
}

/** Host-side cost of each frame: unpacking, and unpacking plus the quality score. */
export async function runFrameCostBench(print: (line: string) => void): Promise<void> {
  for (const [name, size] of Object.entries(SYNTHETIC_SIZES)) {
    const image = syntheticFingerImage({ citizenId: 'bench', finger: 'right-index', size })
    const packed = packGrey4(image.pixels)
    const pixels = size.width * size.height
    print(
      formatTiming(
        `unpack 4→8 bit ${size.width}×${size.height} (${name})`,
        await time(() => unpackGrey4(packed, pixels), 200),
      ),
    )
    print(
      formatTiming(
        `unpack + quality ${size.width}×${size.height}`,
        await time(() => kioskQualityScore({ ...image, pixels: unpackGrey4(packed, pixels) }), 30),
      ),
    )
  }
}
