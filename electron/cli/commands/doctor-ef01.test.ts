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

/** Every tty this file linked to a module simulator. */
const linkedTtys: string[] = []

/** An EF01 module simulator behind a pty whose host end is linked as a free /dev/ttyUSB<N>. */
async function moduleOnUsbTty(): Promise<string> {
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
  linkedTtys.push(tty)
  return tty
}

describe('kiosk doctor --devices real: EF01 discovery on serial ports', () => {
  it('finds an EF01 module behind a USB-serial-like tty by its handshake', async () => {
    const tty = await moduleOnUsbTty()
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

  it('--self-test: the fingerprint line passes with the EF01 handshake on that tty', async () => {
    await moduleOnUsbTty()
    const result = await runKioskBin([
      'doctor',
      '--self-test',
      '--json',
      '--devices',
      'real',
      '--data-dir',
      temp.config.dataDir,
    ])
    const report = JSON.parse(result.stdout) as {
      ok: boolean
      selfTest: { device: string; ok: boolean; figure: string | null }[]
    }
    const fingerprint = report.selfTest.find((l) => l.device === 'fingerprint')
    expect(fingerprint?.ok, result.stdout).toBe(true)
    // The first module found answers: this test's own tty, or the first test's, still attached.
    const [path, figure] = (fingerprint?.figure ?? '').split(': ')
    expect(linkedTtys).toContain(path)
    expect(figure).toBe('EF01 @ 57600 Bd')
    // Nothing else is plugged in here, or it is: the exit code says whether every line passed.
    expect(result.code).toBe(report.ok ? 0 : 3)
  })
})
