// An EF01 simulator behind a socat pty pair, its host end linked as /dev/ttyUSB<N> the way a
// USB-serial adapter appears: `kiosk doctor --devices real` must find it with no flag naming it.
// Needs socat (npm test installs it) and root (to make the link in /dev).
import { existsSync, symlinkSync, unlinkSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  attachModuleToSerialPort,
  Ef01ModuleSimulator,
  openPtyPair,
  placeholderFingerImage,
} from '../../../drivers/fingerprint'
import { tempKioskConfig } from '../../core/test-support'
import { runKioskBin } from '../run-bin'

const temp = tempKioskConfig()
const cleanup: (() => Promise<void> | void)[] = [() => temp.cleanup()]
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

/** A /dev/ttyUSB<N> name nothing uses. */
function freeUsbTtyName(): string {
  for (let n = 90; n < 200; n++) {
    const path = `/dev/ttyUSB${n}`
    if (!existsSync(path)) return path
  }
  throw new Error('no free /dev/ttyUSB<N> name between 90 and 199')
}

interface DoctorJson {
  ef01: { path: string; found: boolean; baudRate?: number; reason?: string }[]
  devices: { id: string; kind: string; source: string; connection: string }[]
}

describe('kiosk doctor --devices real: EF01 discovery on serial ports', () => {
  it('finds an EF01 module behind a USB-serial-like tty by its handshake', async () => {
    if (process.getuid?.() !== 0) {
      throw new Error(
        'this test links a pty as /dev/ttyUSB<N> and needs root (npm test runs as root)',
      )
    }
    const pair = await openPtyPair()
    cleanup.push(() => pair.close())
    const module = new Ef01ModuleSimulator({
      baudRate: 57600,
      imageSource: () => placeholderFingerImage(256, 288, 500, 1),
    })
    const attachment = await attachModuleToSerialPort(module, { path: pair.devicePath })
    cleanup.push(() => attachment.close())
    const tty = freeUsbTtyName()
    symlinkSync(pair.hostPath, tty)
    cleanup.push(() => unlinkSync(tty))

    const result = await runKioskBin([
      'doctor',
      '--json',
      '--devices',
      'real',
      '--data-dir',
      temp.config.dataDir,
    ])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as DoctorJson
    expect(report.ef01).toContainEqual(
      expect.objectContaining({ path: tty, found: true, baudRate: 57600 }),
    )
    expect(report.devices).toContainEqual(
      expect.objectContaining({
        kind: 'fingerprint',
        source: 'real',
        connection: `serial:${tty}`,
      }),
    )
  })
})
