import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadOrCreateSimPki, SIM_CSCA_FILE, SIM_PKI_FILE, SimPkiError } from './sim-pki-store'

const root = mkdtempSync(join(tmpdir(), 'sim-pki-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
const now = new Date('2026-11-26T08:00:00.000Z')

describe('the station’s simulator PKI', () => {
  it('is created once, kept private, and its CSCA written for trust directories', async () => {
    const dir = join(root, 'a')
    const pki = await loadOrCreateSimPki(dir, now)
    expect(statSync(join(dir, SIM_PKI_FILE)).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, SIM_CSCA_FILE), 'utf8')).toBe(pki.csca.certificatePem)
    const again = await loadOrCreateSimPki(dir, new Date('2027-01-01T00:00:00.000Z'))
    expect(again.csca.certificateDer).toEqual(pki.csca.certificateDer)
    expect(again.documentSigner.certificateDer).toEqual(pki.documentSigner.certificateDer)
  })

  it('gives two processes starting together the same PKI', async () => {
    const dir = join(root, 'b')
    const [one, two] = await Promise.all([
      loadOrCreateSimPki(dir, now),
      loadOrCreateSimPki(dir, now),
    ])
    expect(one.csca.certificateDer).toEqual(two.csca.certificateDer)
    expect(readFileSync(join(dir, SIM_CSCA_FILE), 'utf8')).toBe(one.csca.certificatePem)
  })

  it('writes the CSCA again when it went missing, and names a damaged PKI file', async () => {
    const dir = join(root, 'c')
    const pki = await loadOrCreateSimPki(dir, now)
    rmSync(join(dir, SIM_CSCA_FILE))
    await loadOrCreateSimPki(dir, now)
    expect(readFileSync(join(dir, SIM_CSCA_FILE), 'utf8')).toBe(pki.csca.certificatePem)
    writeFileSync(join(dir, SIM_PKI_FILE), 'not a PKI')
    const error = await loadOrCreateSimPki(dir, now).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SimPkiError)
    expect((error as SimPkiError).file).toBe(join(dir, SIM_PKI_FILE))
    expect(existsSync(join(dir, SIM_PKI_FILE))).toBe(true)
  })
})
