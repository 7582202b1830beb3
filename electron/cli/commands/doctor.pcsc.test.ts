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

  it('--self-test: the card in reader 0 gives its ATR and answers the SELECT of the eMRTD application', async () => {
    requirePcscd()
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
      selfTest: { device: string; ok: boolean; figure: string | null; problem?: string }[]
    }
    const card = report.selfTest.find((l) => l.device === 'cardReader')
    expect(card?.ok, JSON.stringify(card)).toBe(true)
    expect(card?.figure).toMatch(/^Virtual PCD 00 00: ATR 3B[0-9A-F]+, SELECT eMRTD SW 9000$/)
    expect(result.code).toBe(report.ok ? 0 : 3)
  })
})
