import { describe, expect, it } from 'vitest'
import { chooseProtector, type ProtectionOffer } from './protector-choice'

/** A live (not training) Linux station with nothing to protect its keys. */
const bare: ProtectionOffer = {
  training: false,
  platform: 'linux',
  tpmTcti: null,
  tpmToolsInstalled: true,
  safeStorage: null,
  passphrase: 'none',
}
const withSafeStorage = (backend: string | null, platform: NodeJS.Platform = 'linux') => ({
  ...bare,
  platform,
  safeStorage: { available: true, backend },
})

describe('chooseProtector (auto)', () => {
  it('takes the TPM first when one is there and tpm2-tools are installed', () => {
    const choice = chooseProtector(
      {},
      { ...withSafeStorage('gnome_libsecret'), tpmTcti: 'device:/dev/tpmrm0', passphrase: 'given' },
    )
    expect(choice).toEqual({ ok: true, kind: 'tpm', tcti: 'device:/dev/tpmrm0', notes: [] })
  })

  it('passes over a TPM without tpm2-tools, saying so, for safeStorage', () => {
    const choice = chooseProtector(
      {},
      { ...withSafeStorage('kwallet5'), tpmTcti: 'device:/dev/tpmrm0', tpmToolsInstalled: false },
    )
    expect(choice).toMatchObject({ ok: true, kind: 'safe-storage' })
    expect(choice.notes.map((n) => n.reason)).toEqual(['tpmToolsMissing'])
  })

  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'])(
    'accepts safeStorage on the Linux keyring backend %s',
    (backend) => {
      expect(chooseProtector({}, withSafeStorage(backend))).toEqual({
        ok: true,
        kind: 'safe-storage',
        tcti: null,
        notes: [],
      })
    },
  )

  it.each(['basic_text', 'unknown', null])(
    'refuses safeStorage on the Linux backend %s, naming it, and falls to the passphrase',
    (backend) => {
      const choice = chooseProtector({}, { ...withSafeStorage(backend), passphrase: 'prompt' })
      expect(choice).toMatchObject({ ok: true, kind: 'passphrase' })
      expect(choice.notes).toEqual([
        { reason: 'weakSafeStorage', params: { backend: backend ?? 'unknown' } },
      ])
    },
  )

  it('refuses a basic_text station with no passphrase, with the keyring as the reason', () => {
    const choice = chooseProtector({}, withSafeStorage('basic_text'))
    expect(choice).toMatchObject({
      ok: false,
      refusal: { reason: 'weakSafeStorage', params: { backend: 'basic_text' } },
    })
  })

  it('accepts basic_text when the config allows weak safeStorage, and says so', () => {
    const choice = chooseProtector({ allowWeakSafeStorage: true }, withSafeStorage('basic_text'))
    expect(choice).toMatchObject({ ok: true, kind: 'safe-storage' })
    expect(choice.notes).toEqual([
      { reason: 'weakSafeStorageAllowed', params: { backend: 'basic_text' } },
    ])
  })

  it('does not check the backend on Windows and macOS (DPAPI, Keychain)', () => {
    for (const platform of ['win32', 'darwin'] as const)
      expect(chooseProtector({}, withSafeStorage(null, platform))).toMatchObject({
        ok: true,
        kind: 'safe-storage',
      })
  })

  it('passes over safeStorage that is not available', () => {
    const offer = { ...bare, safeStorage: { available: false, backend: null }, passphrase: 'given' }
    const choice = chooseProtector({}, offer as ProtectionOffer)
    expect(choice).toMatchObject({ ok: true, kind: 'passphrase' })
    expect(choice.notes.map((n) => n.reason)).toEqual(['safeStorageUnavailable'])
  })

  it('uses a passphrase in the host and CLI (a file or the terminal prompt)', () => {
    for (const passphrase of ['given', 'prompt'] as const)
      expect(chooseProtector({}, { ...bare, passphrase })).toEqual({
        ok: true,
        kind: 'passphrase',
        tcti: null,
        notes: [],
      })
  })

  it('refuses a live station with no protector at all: the passphrase is what is missing', () => {
    expect(chooseProtector({}, bare)).toEqual({
      ok: false,
      refusal: { reason: 'passphraseMissing', params: {} },
      notes: [{ reason: 'plainOutsideTraining', params: {} }],
    })
  })

  it('keeps the keys in clear, labelled, in training when nothing else is offered', () => {
    expect(chooseProtector({}, { ...bare, training: true })).toEqual({
      ok: true,
      kind: 'plain-training',
      tcti: null,
      notes: [],
    })
  })

  it('does not stop a training run for a passphrase prompt, but uses a given file', () => {
    expect(chooseProtector({}, { ...bare, training: true, passphrase: 'prompt' })).toMatchObject({
      kind: 'plain-training',
    })
    expect(chooseProtector({}, { ...bare, training: true, passphrase: 'given' })).toMatchObject({
      kind: 'passphrase',
    })
  })
})

describe('chooseProtector (named in config)', () => {
  it('uses the named protector when the machine offers it', () => {
    expect(
      chooseProtector({ protector: 'tpm' }, { ...bare, tpmTcti: 'swtpm:port=2321' }),
    ).toMatchObject({ ok: true, kind: 'tpm', tcti: 'swtpm:port=2321' })
    expect(
      chooseProtector(
        { protector: 'passphrase' },
        { ...bare, training: true, passphrase: 'prompt' },
      ),
    ).toMatchObject({ ok: true, kind: 'passphrase' })
  })

  it('refuses the named protector with its own reason, never falling back', () => {
    const cases = [
      [{ protector: 'tpm' }, withSafeStorage('kwallet'), 'noTpm'],
      [
        { protector: 'tpm' },
        { ...bare, tpmTcti: 'x', tpmToolsInstalled: false },
        'tpmToolsMissing',
      ],
      [{ protector: 'safe-storage' }, { ...bare, passphrase: 'given' }, 'safeStorageNotInShell'],
      [{ protector: 'safe-storage' }, withSafeStorage('basic_text'), 'weakSafeStorage'],
      [{ protector: 'passphrase' }, withSafeStorage('kwallet'), 'passphraseMissing'],
      [{ protector: 'plain-training' }, { ...bare, passphrase: 'given' }, 'plainOutsideTraining'],
    ] as const
    for (const [config, offer, reason] of cases) {
      const choice = chooseProtector(config, offer)
      expect(choice.ok, reason).toBe(false)
      if (!choice.ok) expect(choice.refusal.reason).toBe(reason)
    }
  })

  it('accepts plain keys by name in training', () => {
    expect(
      chooseProtector({ protector: 'plain-training' }, { ...bare, training: true }),
    ).toMatchObject({ ok: true, kind: 'plain-training' })
  })
})
