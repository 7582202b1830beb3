/**
 * Protects key material at rest. The Electron shell plugs in safeStorage (OS keychain / DPAPI);
 * the host and CLI use `fileKeyProtector`, where the protection is the key file's 0600 mode.
 */
export interface KeyProtector {
  /** Stored in the key file, so a key sealed by one protector is never read by another. */
  readonly kind: string
  seal(plain: Buffer): Buffer
  unseal(sealed: Buffer): Buffer
}

export const fileKeyProtector: KeyProtector = {
  kind: 'file',
  seal: (plain) => Buffer.from(plain),
  unseal: (sealed) => Buffer.from(sealed),
}

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
