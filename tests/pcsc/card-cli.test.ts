// Needs pcscd with vsmartcard-vpcd and the ePassport emulator in "Virtual PCD 00 00" — outside the
// repo: the pcsc project's global setup starts them (tests/setup/pcsc-services.ts).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pcscdSocketPath } from '../../electron/core/devices'
import { requirePcscd, tempKioskConfig } from '../../electron/core/test-support'
import { runKioskBin } from '../../electron/cli/run-bin'
import { VPCD_PORT } from '../../drivers/smartcard/sim/vpcd-protocol'
import { startSimCard, type SimCardProcess } from './sim-card-process'

const ID_NUMBER = '079301012345'
const OUR_READER = 'Virtual PCD 00 01'
const VICC_READER = 'Virtual PCD 00 00'
const temp = tempKioskConfig()
const pkiDir = join(temp.config.dataDir, 'pki')
const dumpDir = join(temp.config.dataDir, 'dump')
let sim: SimCardProcess | null = null

interface ReadJson {
  reader: string
  access: string
  mrz: { documentNumber: string; surname: string; givenNames: string; format: string }
  dg13?: { idNumber: string }
  passiveAuth: { verdict: string; failed?: string }
  chipAuth: { verdict: string }
  activeAuth: { verdict: string }
  face: { format: string; width: number } | null
  apdus: number
}

beforeAll(async () => {
  if (!existsSync(pcscdSocketPath())) return // each test fails with the reason instead
  sim = await startSimCard([
    '--id',
    ID_NUMBER,
    '--port',
    String(VPCD_PORT.second),
    '--pki',
    pkiDir,
    '--data-dir',
    temp.config.dataDir,
  ])
}, 30_000)

afterAll(async () => {
  await sim?.stop()
  temp.cleanup()
})

describe('kiosk card read through pcscd', () => {
  it('reads our virtual CCCD in a vpcd reader with PACE and passive authentication valid', async () => {
    requirePcscd()
    const result = await runKioskBin([
      'card',
      'read',
      '--devices',
      'real',
      '--reader',
      OUR_READER,
      '--id',
      ID_NUMBER,
      '--trust',
      join(pkiDir, 'trust'),
      '--out',
      dumpDir,
      '--json',
    ])
    expect(result.code, result.stderr).toBe(0)
    const read = JSON.parse(result.stdout) as ReadJson
    expect(read.reader).toBe(OUR_READER)
    expect(read.access).toBe('PACE')
    expect(read.mrz.documentNumber).toBe(ID_NUMBER.slice(3))
    expect(read.dg13?.idNumber).toBe(ID_NUMBER)
    expect(read.passiveAuth.verdict).toBe('valid')
    expect(read.chipAuth.verdict).toBe('passed')
    expect(read.activeAuth.verdict).toBe('passed')
    expect(read.face?.format).toBe('jpeg')
    for (const file of ['EF.COM.bin', 'EF.SOD.bin', 'DG1.bin', 'DG2.bin', 'DG13.bin', 'face.jpg']) {
      expect(existsSync(join(dumpDir, file)), file).toBe(true)
    }
  })

  it('verifies the dump offline, and says untrusted without the simulator CSCA', async () => {
    requirePcscd()
    const ok = await runKioskBin([
      'card',
      'verify',
      dumpDir,
      '--trust',
      join(pkiDir, 'trust'),
      '--json',
    ])
    expect(ok.code, ok.stderr).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ passiveAuth: { verdict: 'valid' } })
    const empty = join(temp.config.dataDir, 'empty-trust')
    const untrusted = await runKioskBin(['card', 'verify', dumpDir, '--trust', empty, '--json'])
    expect(untrusted.code).toBe(4)
    expect(JSON.parse(untrusted.stdout)).toMatchObject({ passiveAuth: { verdict: 'untrusted' } })
  })

  it('exits 2 with a bilingual reason for a wrong CAN', async () => {
    requirePcscd()
    const result = await runKioskBin([
      'card',
      'read',
      '--devices',
      'real',
      '--reader',
      OUR_READER,
      '--can',
      '000000',
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/sai CAN.*\/ The chip refused the access key/)
  })

  it('reads the independent ePassport emulator with BAC (TD3 MRZ)', async () => {
    requirePcscd()
    const result = await runKioskBin([
      'card',
      'read',
      '--devices',
      'real',
      '--reader',
      VICC_READER,
      '--mrz-info',
      'L898902C,690806,940623',
      '--json',
    ])
    // The emulator has no EF.SOD: the data is read, but it cannot be verified (exit 4).
    expect(result.code, result.stderr).toBe(4)
    const read = JSON.parse(result.stdout) as ReadJson
    expect(read.access).toBe('BAC')
    expect(read.mrz).toMatchObject({
      format: 'TD3',
      documentNumber: 'L898902C',
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
    })
    expect(read.passiveAuth.verdict).toBe('invalid')
  })

  it('exits 3 when the named reader does not exist', async () => {
    requirePcscd()
    const result = await runKioskBin([
      'card',
      'read',
      '--devices',
      'real',
      '--reader',
      'No Such Reader',
      '--can',
      '123456',
    ])
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/Không tìm thấy đầu đọc thẻ \/ Card reader not found/)
  })
})
