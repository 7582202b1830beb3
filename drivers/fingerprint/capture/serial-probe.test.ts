import { afterEach, describe, expect, it } from 'vitest'
import { Ef01ModuleSimulator } from '../sim/ef01-module'
import { placeholderFingerImage } from '../sim/placeholder-image'
import { attachModuleToSerialPort } from '../sim/serial-attachment'
import { openPtyPair } from '../transport/pty-pair'
import { openSerialTransport } from '../transport/serial-transport'
import { ef01CandidatePorts, probeEf01Port } from './serial-probe'

// Real ports: socat pty pairs with the real serialport binding (npm test installs socat).
const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn().catch(() => undefined)
})

async function pair() {
  const p = await openPtyPair()
  cleanup.push(() => p.close())
  return p
}

describe('EF01 probe of a serial port', () => {
  it('finds a module at the first rate that answers (a pty carries any rate)', async () => {
    const p = await pair()
    const module = new Ef01ModuleSimulator({
      baudRate: 115200,
      imageSource: () => placeholderFingerImage(256, 288, 500, 2),
    })
    const attachment = await attachModuleToSerialPort(module, { path: p.devicePath })
    cleanup.push(() => attachment.close())
    const finding = await probeEf01Port(p.hostPath, { timeoutMs: 200 })
    expect(finding).toMatchObject({ path: p.hostPath, found: true, baudRate: 57600 })
  })

  it('says no module answered when the line stays silent at every rate', async () => {
    const p = await pair()
    const finding = await probeEf01Port(p.hostPath, { timeoutMs: 30, baudRates: [57600, 9600] })
    expect(finding).toEqual({
      path: p.hostPath,
      found: false,
      reason: 'no-answer',
      detail: 'no EF01 answer at 57600, 9600 Bd',
    })
  })

  it('leaves a port another program holds alone', async () => {
    const p = await pair()
    const held = await openSerialTransport({ path: p.hostPath, baudRate: 57600 })
    cleanup.push(() => held.close())
    const finding = await probeEf01Port(p.hostPath, { timeoutMs: 30 })
    expect(finding).toMatchObject({ found: false, reason: 'busy' })
  })

  it('stops between rates when cancelled', async () => {
    const p = await pair()
    const controller = new AbortController()
    controller.abort()
    const finding = await probeEf01Port(p.hostPath, { signal: controller.signal })
    expect(finding).toMatchObject({ found: false, reason: 'cancelled' })
  })
})

describe('EF01 candidate ports', () => {
  it('takes USB-serial ports and /dev/ttyUSB*/ttyACM* nodes, never an on-board UART', async () => {
    const ports = await ef01CandidatePorts(
      [{ path: '/dev/ttyS0' }, { path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523' }],
      async () => ['ttyS0', 'ttyUSB0', 'ttyACM3', 'ttyUSB1x', 'null'],
    )
    expect(ports).toEqual(['/dev/ttyACM3', '/dev/ttyUSB0'])
  })
})
