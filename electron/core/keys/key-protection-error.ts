import { CatalogueError, messageRef, type MessageParams } from '../../../lib/messages'

/** Why the station will not use a protector (protector-choice.ts), each a `messages.keys.*` text. */
export const keyRefusals = [
  'weakSafeStorage',
  /** Not a refusal: `allowWeakSafeStorage` let the weak backend through; shown as a warning. */
  'weakSafeStorageAllowed',
  'safeStorageUnavailable',
  'safeStorageNotInShell',
  'noTpm',
  'tpmToolsMissing',
  'passphraseMissing',
  'plainOutsideTraining',
] as const
export type KeyRefusal = (typeof keyRefusals)[number]

/** What went wrong while sealing or unsealing with a chosen protector. */
export const keyFailures = [
  'wrongPassphrase',
  'passphraseEmpty',
  'passphraseFileUnreadable',
  'sealedDamaged',
  /** The key files were sealed by another protector than the one chosen on this start. */
  'sealedByOther',
  'tpmUnseal',
  'tpmSeal',
] as const
export type KeyFailure = (typeof keyFailures)[number]

export type KeyProblem = KeyRefusal | KeyFailure

/** The station's keys cannot be protected or opened; the text says what to do next. */
export class KeyProtectionError extends CatalogueError {
  constructor(
    readonly reason: KeyProblem,
    params: MessageParams = {},
    detail: string | null = null,
  ) {
    super(messageRef(`messages.keys.${reason}`, params), detail)
    this.name = 'KeyProtectionError'
  }
}
