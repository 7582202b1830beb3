/**
 * Protects key material at rest. The station picks one (protector-choice.ts): the TPM, Electron
 * safeStorage, a passphrase, or — in training only — none at all, labelled as such.
 */
export interface KeyProtector {
  /** Stored in the key file, so a key sealed by one protector is never read by another. */
  readonly kind: string
  seal(plain: Buffer): Buffer
  unseal(sealed: Buffer): Buffer
}

/**
 * The key files of kiosks before issue 15: the key in clear, only the file's 0600 mode around it.
 * Read for migration (and by tests that need keys and nothing else); never chosen for a station.
 */
export const fileKeyProtector: KeyProtector = {
  kind: 'file',
  seal: (plain) => Buffer.from(plain),
  unseal: (sealed) => Buffer.from(sealed),
}

/** Training mode only: the key in clear, and the file says so (`plain-training`). */
export const plainTrainingProtector: KeyProtector = {
  kind: 'plain-training',
  seal: (plain) => Buffer.from(plain),
  unseal: (sealed) => Buffer.from(sealed),
}

/** The kinds whose key files hold the key in clear: migrated as soon as a real protector is used. */
export const CLEAR_KINDS: ReadonlySet<string> = new Set([
  fileKeyProtector.kind,
  plainTrainingProtector.kind,
])

/** The part of Electron's safeStorage the protector needs; electron/main passes the real one. */
export interface StringEncryptor {
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
}

export function safeStorageKeyProtector(storage: StringEncryptor): KeyProtector {
  return {
    kind: 'safe-storage',
    seal: (plain) => storage.encryptString(plain.toString('base64')),
    unseal: (sealed) => Buffer.from(storage.decryptString(sealed), 'base64'),
  }
}
