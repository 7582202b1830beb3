// Needs pcscd with vsmartcard-vpcd and a virtual card in "Virtual PCD 00 00" — outside the repo.
// The pcsc project's global setup starts them (tests/setup/pcsc-services.ts).
import { afterAll, describe, expect, it } from 'vitest'
import { requirePcscd, tempKioskConfig } from '../../core/test-support'
import { runKioskBin } from '../run-bin'

const temp = tempKioskConfig()
afterAll(() => temp.cleanup())

describe('kiosk doctor with pcscd', () => {
  it('lists the virtual readers, the card in reader 0, and hands them to the device manager', async () => {
    requirePcscd()
    const result = await runKioskBin([
      'doctor',
      '--json',
      '--devices',
      'real',
      '--data-dir',
      temp.config.dataDir,
    ])
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as {
      pcsc: { available: boolean; readers: { name: string; cardPresent: boolean }[] }
      devices: { id: string; kind: string; source: string }[]
    }
    expect(report.pcsc.available).toBe(true)
    expect(report.pcsc.readers).toContainEqual(
      expect.objectContaining({ name: 'Virtual PCD 00 00', cardPresent: true }),
    )
    expect(report.devices).toContainEqual(
      expect.objectContaining({
        id: 'pcsc:Virtual PCD 00 00',
        kind: 'card-reader',
        source: 'real',
      }),
    )
  })
})
