import { afterEach, describe, expect, it } from 'vitest'
import { Ef01Driver } from '../ef01/driver'
import { packGrey4, unpackGrey4 } from '../ef01/unpack'
import { Ef01ModuleSimulator } from '../sim/ef01-module'
import { placeholderFingerImage } from '../sim/placeholder-image'
import { attachModuleToSerialPort, type SerialAttachment } from '../sim/serial-attachment'
import { TransportError } from './errors'
import { openPtyPair, type PtyPair } from './pty-pair'
import { openSerialTransport } from './serial-transport'

// The real serialport binding (bindings-cpp) on one end of a socat pty pair, the EF01 simulator on
// the other: the same bytes a USB-UART cable would carry.
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined)
})

async function ptyRig(baudRate: number) {
  const pair: PtyPair = await openPtyPair()
  cleanup.push(() => pair.close())
  const source = placeholderFingerImage(256, 288, 500, 5)
  const module = new Ef01ModuleSimulator({ baudRate, imageSource: () => source })
  const attachment: SerialAttachment = await attachModuleToSerialPort(module, {
    path: pair.devicePath,
  })
  cleanup.push(() => attachment.close())
  const stream = await openSerialTransport({ path: pair.hostPath, baudRate })
  cleanup.push(() => stream.close())
  return { pair, module, stream, source }
}

describe(
  'serial transport through a socat pty pair (real serialport binding)',
  { timeout: 60_000 },
  () => {
    it('runs the EF01 driver end to end: open, capture, upload at 921600 baud pacing', async () => {
      const { module, stream, source } = await ptyRig(921600)
      expect(stream.label).toMatch(/^serial:\/.*host$/)
      const driver = new Ef01Driver(stream)
      const info = await driver.open()
      expect(info.parameters).toMatchObject({ baudRate: 921600, packetSize: 128 })
      module.placeFinger()
      expect(await driver.takeImage()).toBe(true)
      const { image, wireBytes } = await driver.uploadImage()
      expect(wireBytes).toBe(40056)
      const expected = unpackGrey4(packGrey4(source.pixels))
      expect(Buffer.from(image.pixels).equals(Buffer.from(expected))).toBe(true)
      expect(driver.bytesReceived).toBeGreaterThanOrEqual(40044)
    })

    it('switches the real port to a new baud rate with the module', async () => {
      const { stream } = await ptyRig(57600)
      const driver = new Ef01Driver(stream)
      await driver.open()
      expect((await driver.setBaudRate(115200)).baudRate).toBe(115200)
      expect(await driver.takeImage()).toBe(false)
    })

    it('reports the cable pulled mid-image as removed, without hanging', async () => {
      const { pair, module, stream } = await ptyRig(115200)
      const driver = new Ef01Driver(stream)
      await driver.open()
      module.placeFinger()
      await driver.takeImage()
      const upload = driver.uploadImage({
        onProgress: (p) => {
          if (p.bytesReceived === 128 * 20) void pair.close()
        },
      })
      const error = await upload.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransportError)
      expect(error).toMatchObject({ transportCode: 'removed' })
    })

    it('says which port is missing', async () => {
      const error = await openSerialTransport({
        path: '/dev/does-not-exist',
        baudRate: 57600,
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransportError)
      expect(error).toMatchObject({ transportCode: 'not-found' })
      expect((error as Error).message).toContain('/dev/does-not-exist')
    })
  },
)
