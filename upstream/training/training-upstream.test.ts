import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  SIM_CSCA_FILE,
  SIM_PKI_DIR_NAME,
  SIM_PKI_FILE,
} from '../../drivers/smartcard/sim/sim-pki-store'
import {
  startTrainingUpstreamFor,
  TRAINING_SIM_CSCA_FILE,
  TRAINING_UPSTREAM_DIR_NAME,
} from './training-upstream'

const root = mkdtempSync(join(tmpdir(), 'training-upstream-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('the training upstream', () => {
  it('trusts the station’s simulator CSCA, made on first use', async () => {
    const dataDir = join(root, 'a')
    const training = await startTrainingUpstreamFor(dataDir)
    await training.close()
    const trusted = readFileSync(
      join(dataDir, TRAINING_UPSTREAM_DIR_NAME, TRAINING_SIM_CSCA_FILE),
      'utf8',
    )
    expect(trusted).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(trusted).toBe(readFileSync(join(dataDir, SIM_PKI_DIR_NAME, SIM_CSCA_FILE), 'utf8'))
  })

  it('still starts when the simulator PKI file is damaged, and says so', async () => {
    const dataDir = join(root, 'b')
    mkdirSync(join(dataDir, SIM_PKI_DIR_NAME), { recursive: true })
    writeFileSync(join(dataDir, SIM_PKI_DIR_NAME, SIM_PKI_FILE), 'damaged')
    const warnings: string[] = []
    const training = await startTrainingUpstreamFor(dataDir, {
      onWarning: (w) => warnings.push(w),
    })
    expect(training.target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await training.close()
    expect(warnings).toEqual([expect.stringMatching(/simulator CSCA not trusted.*sim-pki\.pem/)])
  })
})
