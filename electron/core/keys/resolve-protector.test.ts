import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { KeyProtectionError } from './key-protection-error'
import type { StringEncryptor } from './protector'
import {
  passphraseFileFlag,
  passphraseSourceOf,
  readPassphraseFile,
  resolveKeyProtector,
  type KeyProtectionOptions,
} from './resolve-protector'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})
function fileWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-resolve-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'passphrase'), text)
  return join(dir, 'passphrase')
}

const reversing: StringEncryptor = {
  encryptString: (plain) => Buffer.from(plain).reverse(),
  decryptString: (sealed) => Buffer.from(sealed).reverse().toString(),
}
/** No TPM, whatever this machine has. */
const noTpm: KeyProtectionOptions = { env: { PATH: '' }, canOpenTpmDevice: () => false }
const random = seededRandom('resolve')

async function reasonOf(started: Promise<unknown>): Promise<string> {
  try {
    await started
  } catch (error) {
    if (error instanceof KeyProtectionError) return error.reason
    throw error
  }
  return 'no error'
}

describe('passphrase sources', () => {
  it('reads --passphrase-file in both spellings, never a passphrase itself', () => {
    expect(passphraseFileFlag(['host', '--passphrase-file', '/run/p'])).toBe('/run/p')
    expect(passphraseFileFlag(['--passphrase-file=/run/q', 'x'])).toBe('/run/q')
    expect(passphraseFileFlag(['--passphrase', 'secret'])).toBeUndefined()
  })

  it('prefers the flag, then KIOSK_KEY_PASSPHRASE_FILE, then the terminal prompt', () => {
    const prompt = async () => 'typed'
    const env = { KIOSK_KEY_PASSPHRASE_FILE: '/env/p' }
    expect(passphraseSourceOf('/flag/p', env, prompt)).toEqual({ kind: 'file', path: '/flag/p' })
    expect(passphraseSourceOf(undefined, env, prompt)).toEqual({ kind: 'file', path: '/env/p' })
    expect(passphraseSourceOf(undefined, {}, prompt)).toMatchObject({ kind: 'prompt' })
    expect(passphraseSourceOf(undefined, {}, null)).toBeUndefined()
  })

  it("takes a file's first line without its newline; refuses an empty or missing file", () => {
    expect(readPassphraseFile(fileWith('mật khẩu\n'))).toBe('mật khẩu')
    expect(() => readPassphraseFile(fileWith('\n'))).toThrow(/Cụm mật khẩu trống/)
    expect(() => readPassphraseFile('/nonexistent/passphrase')).toThrow(
      expect.objectContaining({ reason: 'passphraseFileUnreadable' }),
    )
  })
})

describe('resolveKeyProtector', () => {
  it('builds a safeStorage protector on a real keyring backend', async () => {
    const { protector, status } = await resolveKeyProtector(
      {},
      false,
      {
        ...noTpm,
        platform: 'linux',
        safeStorage: { available: true, backend: 'gnome_libsecret', encryptor: reversing },
      },
      random,
    )
    expect(status).toEqual({ kind: 'safe-storage', notes: [] })
    expect(protector.unseal(protector.seal(Buffer.from('key')))).toEqual(Buffer.from('key'))
  })

  it('refuses basic_text with the weakSafeStorage reason, naming the backend', async () => {
    const started = resolveKeyProtector(
      {},
      false,
      {
        ...noTpm,
        platform: 'linux',
        safeStorage: { available: true, backend: 'basic_text', encryptor: reversing },
      },
      random,
    )
    await expect(started).rejects.toThrow(/basic_text/)
    expect(await reasonOf(started)).toBe('weakSafeStorage')
  })

  it('asks the prompt for the passphrase only when the passphrase protector is chosen', async () => {
    let asked = 0
    const read = async () => (asked++, 'typed at the terminal')
    const live = await resolveKeyProtector(
      {},
      false,
      { ...noTpm, passphrase: { kind: 'prompt', read }, passphraseCost: { log2N: 10, r: 8, p: 1 } },
      random,
    )
    expect(live.status.kind).toBe('passphrase')
    expect(asked).toBe(1)
    const training = await resolveKeyProtector(
      {},
      true,
      { ...noTpm, passphrase: { kind: 'prompt', read } },
      random,
    )
    expect(training.status.kind).toBe('plain-training')
    expect(asked).toBe(1)
  })

  it('refuses an empty typed passphrase and an unusable TPM by name', async () => {
    const empty = resolveKeyProtector(
      {},
      false,
      { ...noTpm, passphrase: { kind: 'prompt', read: async () => '' } },
      random,
    )
    expect(await reasonOf(empty)).toBe('passphraseEmpty')
    expect(await reasonOf(resolveKeyProtector({ protector: 'tpm' }, false, noTpm, random))).toBe(
      'noTpm',
    )
    const noTools = resolveKeyProtector({ tpmTcti: 'device:/dev/tpmrm0' }, true, noTpm, random)
    expect((await noTools).status).toEqual({
      kind: 'plain-training',
      notes: [{ reason: 'tpmToolsMissing', params: {} }],
    })
  })
})
