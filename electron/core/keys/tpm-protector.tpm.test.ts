import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { privateKeyToDer } from '../../../protocol/packet'
import { KeyProtectionError } from './key-protection-error'
import { resolveKeyProtector } from './resolve-protector'
import { loadStationKeys } from './station-keys'
import { tpmKeyProtector, tpmToolsInstalled } from './tpm-protector'
import { TPM_ENV } from '../../../tests/setup/tpm-services'

/**
 * The TCTI of one of the swtpm instances the tpm project's global setup started
 * (tests/setup/tpm-services.ts). Called in each test, so a missing swtpm fails the test saying
 * what to install instead of being skipped.
 */
function swtpm(which: 'station' | 'other'): string {
  if (process.env[TPM_ENV.missing])
    throw new Error(
      'swtpm is not installed: this test seals against a software TPM. Install the Debian ' +
        'packages swtpm, swtpm-tools, tpm2-tools and libtss2-tcti-swtpm0 (npm test does it as root).',
    )
  const tcti = process.env[which === 'station' ? TPM_ENV.tcti : TPM_ENV.otherTcti]
  if (!tcti)
    throw new Error(
      'no swtpm is running for this test: run it in the tpm project ("npx vitest run --project tpm" ' +
        'or "npm test"), whose global setup starts swtpm.',
    )
  return tcti
}

function refusal(action: () => unknown): KeyProtectionError {
  try {
    action()
  } catch (error) {
    if (error instanceof KeyProtectionError) return error
    throw error
  }
  throw new Error('expected the TPM to refuse')
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-tpm-keys-'))
  dirs.push(dir)
  return dir
}

describe('TPM protector (swtpm)', () => {
  it('finds tpm2-tools on PATH', () => {
    swtpm('station')
    expect(tpmToolsInstalled()).toBe(true)
  })

  it('seals and unseals a key: the sealed blob does not hold it', () => {
    const protector = tpmKeyProtector(swtpm('station'))
    const secret = seededRandom('tpm-secret')(48)
    const sealed = protector.seal(secret)
    expect(sealed.includes(secret)).toBe(false)
    expect(protector.unseal(sealed)).toEqual(secret)
    // Every start re-derives the primary key: a second protector opens it as well.
    expect(tpmKeyProtector(swtpm('station')).unseal(sealed)).toEqual(secret)
  })

  it('refuses a blob sealed by another TPM, with a bilingual sentence and what to do', () => {
    const sealed = tpmKeyProtector(swtpm('station')).seal(Buffer.from('station secret'))
    const error = refusal(() => tpmKeyProtector(swtpm('other')).unseal(sealed))
    expect(error.reason).toBe('tpmUnseal')
    expect(error.message).toContain('TPM từ chối mở khoá trạm')
    expect(error.message).toContain('The TPM refused to open the station keys')
    expect(error.message).toContain('re-register the station')
  })

  it('refuses after the TPM is cleared (tpm2_clear): the owner seed is gone', () => {
    const tcti = swtpm('other')
    const sealed = tpmKeyProtector(tcti).seal(Buffer.from('before the clear'))
    execFileSync('tpm2_clear', ['-T', tcti, '-c', 'p'], { stdio: 'pipe' })
    expect(refusal(() => tpmKeyProtector(tcti).unseal(sealed)).reason).toBe('tpmUnseal')
  })

  it('refuses a blob that is not a sealed object before talking to the TPM', () => {
    const error = refusal(() => tpmKeyProtector(swtpm('station')).unseal(Buffer.from([1, 0])))
    expect(error.reason).toBe('sealedDamaged')
  })

  it('holds the station keys: same keys on the next start, none of them in the key files', async () => {
    const dataDir = tempDir()
    const { protector, status } = await resolveKeyProtector(
      { tpmTcti: swtpm('station') },
      false,
      {},
      seededRandom('unused'),
    )
    expect(status).toEqual({ kind: 'tpm', notes: [] })
    const first = loadStationKeys(dataDir, protector, seededRandom('tpm-station'))
    const second = loadStationKeys(dataDir, protector, seededRandom('other'))
    expect(second.terminal.keyId).toBe(first.terminal.keyId)
    expect(second.localKey).toEqual(first.localKey)
    const der = privateKeyToDer(first.terminal.privateKey)
    for (const name of readdirSync(join(dataDir, 'keys'))) {
      const bytes = readFileSync(join(dataDir, 'keys', name))
      const text = bytes.toString('utf8')
      expect(JSON.parse(text)).toMatchObject({ protector: 'tpm' })
      for (const secret of [der, first.localKey]) {
        expect(bytes.includes(secret)).toBe(false)
        expect(text.includes(secret.toString('base64'))).toBe(false)
      }
    }
    // On another TPM the station's keys do not open: they did not walk away with the folder.
    const elsewhere = tpmKeyProtector(swtpm('other'))
    expect(refusal(() => loadStationKeys(dataDir, elsewhere, seededRandom('x'))).reason).toBe(
      'tpmUnseal',
    )
  })
})
