import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { KeyProtectionError } from './key-protection-error'
import {
  parsePassphraseEnvelope,
  passphraseKeyProtector,
  STATION_PASSPHRASE_COST,
  type PassphraseCost,
} from './passphrase-protector'
import { fileKeyProtector } from './protector'
import { loadStationKeys } from './station-keys'

/** The lowest cost a blob may name: the tests' scrypt runs take milliseconds, not seconds. */
const TEST_COST: PassphraseCost = { log2N: 10, r: 8, p: 1 }
const random = seededRandom('passphrase-tests')
const protect = (passphrase: string) => passphraseKeyProtector(passphrase, random, TEST_COST)

const dirs: string[] = []
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pass-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Every key file's bytes, by name, to compare before and after. */
function keyFiles(dataDir: string): Record<string, string> {
  const dir = join(dataDir, 'keys')
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((name) => [name, readFileSync(join(dir, name)).toString('hex')]),
  )
}

function thrown(action: () => unknown): KeyProtectionError {
  try {
    action()
  } catch (error) {
    if (error instanceof KeyProtectionError) return error
    throw error
  }
  throw new Error('expected a KeyProtectionError')
}

describe('passphrase protector', () => {
  it('keeps a station cost of at least N = 2^15, r = 8, p = 1', () => {
    expect(STATION_PASSPHRASE_COST.log2N).toBeGreaterThanOrEqual(15)
    expect(STATION_PASSPHRASE_COST).toMatchObject({ r: 8, p: 1 })
  })

  it('round-trips under the right passphrase and stores its scrypt parameters and salt', () => {
    const secret = Buffer.from('a 32-byte local key for drafts!!')
    const sealed = protect('mật khẩu trạm 42').seal(secret)
    expect(sealed.includes(secret)).toBe(false)
    const envelope = parsePassphraseEnvelope(sealed)
    expect(envelope.cost).toEqual(TEST_COST)
    expect(envelope.salt).toHaveLength(16)
    expect(protect('mật khẩu trạm 42').unseal(sealed)).toEqual(secret)
    // The same passphrase typed in decomposed Unicode (NFD) still opens it.
    expect(protect('mật khẩu trạm 42'.normalize('NFD')).unseal(sealed)).toEqual(secret)
  })

  it('refuses a wrong passphrase with a bilingual sentence that says what to do', () => {
    const sealed = protect('right').seal(Buffer.from('secret'))
    const error = thrown(() => protect('wrong').unseal(sealed))
    expect(error.reason).toBe('wrongPassphrase')
    const text = error.message
    expect(text).toContain('Sai cụm mật khẩu')
    expect(text).toContain('Wrong passphrase')
  })

  it('refuses an empty passphrase', () => {
    expect(thrown(() => protect('')).reason).toBe('passphraseEmpty')
  })

  it('refuses a damaged blob: edited header, edited body, truncated, absurd cost', () => {
    const sealed = protect('right').seal(Buffer.from('secret key bytes'))
    const flip = (at: number) => {
      const copy = Buffer.from(sealed)
      copy[at] = (copy[at] ?? 0) ^ 0x01
      return copy
    }
    // The salt is bound as GCM additional data: an edit fails like a wrong passphrase would.
    expect(thrown(() => protect('right').unseal(flip(5))).reason).toBe('wrongPassphrase')
    expect(thrown(() => protect('right').unseal(flip(sealed.length - 20))).reason).toBe(
      'wrongPassphrase',
    )
    expect(thrown(() => protect('right').unseal(sealed.subarray(0, 20))).reason).toBe(
      'sealedDamaged',
    )
    const greedy = Buffer.from(sealed)
    greedy[1] = 30 // 2^30 × r=8 would ask for 128 GiB
    expect(thrown(() => protect('right').unseal(greedy)).reason).toBe('sealedDamaged')
    expect(thrown(() => protect('right').unseal(flip(0))).reason).toBe('sealedDamaged')
  })
})

describe('station keys under a passphrase', () => {
  it('open on the next start with the same passphrase', () => {
    const dir = tempDir()
    const first = loadStationKeys(dir, protect('right'), seededRandom('k1'))
    const second = loadStationKeys(dir, protect('right'), seededRandom('k2'))
    expect(second.terminal.keyId).toBe(first.terminal.keyId)
    expect(second.localKey).toEqual(first.localKey)
  })

  it('leave every key file byte-identical after a wrong passphrase', () => {
    const dir = tempDir()
    loadStationKeys(dir, protect('right'), seededRandom('k1'))
    const before = keyFiles(dir)
    const error = thrown(() => loadStationKeys(dir, protect('wrong'), seededRandom('k2')))
    expect(error.reason).toBe('wrongPassphrase')
    expect(keyFiles(dir)).toEqual(before)
    expect(Object.keys(before)).toEqual(['local.key', 'terminal.key'])
  })

  it('migrate plaintext key files: same keys, sealed, and no clear copy left', () => {
    const dir = tempDir()
    const clear = loadStationKeys(dir, fileKeyProtector, seededRandom('old'))
    const migrated: [string, string][] = []
    const keys = loadStationKeys(dir, protect('right'), seededRandom('new'), (file, from) =>
      migrated.push([file, from]),
    )
    expect(keys.terminal.keyId).toBe(clear.terminal.keyId)
    expect(keys.localKey).toEqual(clear.localKey)
    expect(migrated).toEqual([
      ['terminal.key', 'file'],
      ['local.key', 'file'],
    ])
    // Only the two sealed files: no temp file, no backup of the clear one.
    expect(readdirSync(join(dir, 'keys')).sort()).toEqual(['local.key', 'terminal.key'])
    const local = JSON.parse(readFileSync(join(dir, 'keys', 'local.key'), 'utf8')) as {
      protector: string
      sealed: string
    }
    expect(local.protector).toBe('passphrase')
    expect(Buffer.from(local.sealed, 'base64').includes(clear.localKey)).toBe(false)
    // The next start opens them without migrating again.
    migrated.length = 0
    loadStationKeys(dir, protect('right'), seededRandom('again'), (file, from) =>
      migrated.push([file, from]),
    )
    expect(migrated).toEqual([])
  })

  it('refuses a wrapped key file whose sealed bytes are damaged, and leaves it alone', () => {
    const dir = tempDir()
    loadStationKeys(dir, protect('right'), seededRandom('k1'))
    const path = join(dir, 'keys', 'terminal.key')
    const file = JSON.parse(readFileSync(path, 'utf8')) as { sealed: string }
    file.sealed = Buffer.from(file.sealed, 'base64').subarray(0, 10).toString('base64')
    writeFileSync(path, JSON.stringify({ format: 1, protector: 'passphrase', ...file }))
    const before = keyFiles(dir)
    expect(thrown(() => loadStationKeys(dir, protect('right'), seededRandom('k2'))).reason).toBe(
      'sealedDamaged',
    )
    expect(keyFiles(dir)).toEqual(before)
  })
})
