import { sign, verify } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { readKeyFile } from './key-file'
import { LocalSealError, openLocal, sealLocal } from './local-seal'
import { fileKeyProtector, safeStorageKeyProtector, type StringEncryptor } from './protector'
import { loadStationKeys } from './station-keys'

const dirs: string[] = []
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-keys-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Stands in for Electron safeStorage: a reversible transform that is not the identity. */
const fakeSafeStorage: StringEncryptor = {
  encryptString: (plain) => Buffer.from(`sealed:${plain}`).reverse(),
  decryptString: (sealed) => {
    const text = Buffer.from(sealed).reverse().toString()
    if (!text.startsWith('sealed:')) throw new Error('not ours')
    return text.slice('sealed:'.length)
  },
}

describe('station keys', () => {
  it('are generated once, stored 0600, and the same on the next start', () => {
    const dir = tempDir()
    const first = loadStationKeys(dir, fileKeyProtector, seededRandom('k'))
    const second = loadStationKeys(dir, fileKeyProtector, seededRandom('other'))
    expect(second.terminal.keyId).toBe(first.terminal.keyId)
    expect(second.localKey.equals(first.localKey)).toBe(true)
    expect(first.terminal.publicKey.asymmetricKeyType).toBe('ed25519')
    if (process.platform !== 'win32')
      expect(statSync(join(dir, 'keys', 'terminal.key')).mode & 0o777).toBe(0o600)
    const signature = sign(null, Buffer.from('x'), second.terminal.privateKey)
    expect(verify(null, Buffer.from('x'), first.terminal.publicKey, signature)).toBe(true)
  })

  it('seal key files with the injected protector and refuse another protector', () => {
    const dir = tempDir()
    const protector = safeStorageKeyProtector(fakeSafeStorage)
    const keys = loadStationKeys(dir, protector, seededRandom('k'))
    const file = readFileSync(join(dir, 'keys', 'local.key'), 'utf8')
    expect(file).not.toContain(keys.localKey.toString('base64'))
    expect(loadStationKeys(dir, protector, seededRandom('z')).localKey).toEqual(keys.localKey)
    // Sealed keys are never read back as clear ones: the error says which protector holds them.
    expect(() => loadStationKeys(dir, fileKeyProtector, seededRandom('z'))).toThrow(
      expect.objectContaining({
        reason: 'sealedByOther',
        params: { stored: 'safe-storage', chosen: 'file' },
      }),
    )
  })

  it('reports a corrupt key file instead of replacing it', () => {
    const dir = tempDir()
    loadStationKeys(dir, fileKeyProtector, seededRandom('k'))
    writeFileSync(join(dir, 'keys', 'terminal.key'), '{"oops":1}')
    expect(() => readKeyFile(join(dir, 'keys', 'terminal.key'), fileKeyProtector)).toThrow(
      /not a key file/,
    )
  })
})

describe('local seal', () => {
  const key = seededRandom('local')(32)
  it('round-trips and binds the context', () => {
    const sealed = sealLocal(key, Buffer.from('draft body'), 'draft-1', seededRandom('iv'))
    expect(sealed.includes(Buffer.from('draft body'))).toBe(false)
    expect(openLocal(key, sealed, 'draft-1').toString()).toBe('draft body')
    expect(() => openLocal(key, sealed, 'draft-2')).toThrow(LocalSealError)
    const tampered = Buffer.from(sealed)
    tampered[15] = (tampered[15] ?? 0) ^ 1
    expect(() => openLocal(key, tampered, 'draft-1')).toThrow(LocalSealError)
    expect(() => openLocal(key, Buffer.alloc(3), 'draft-1')).toThrow(LocalSealError)
  })
})
