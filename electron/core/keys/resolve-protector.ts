import { readFileSync } from 'node:fs'
import type { RandomBytes } from '../../../protocol/packet'
import { KeyProtectionError } from './key-protection-error'
import { PASSPHRASE_FILE_ENV, type KeysConfig, type ProtectorKind } from './key-config'
import { passphraseKeyProtector, type PassphraseCost } from './passphrase-protector'
import {
  chooseProtector,
  type ProtectionOffer,
  type ProtectorNote,
  type SafeStorageOffer,
} from './protector-choice'
import {
  plainTrainingProtector,
  safeStorageKeyProtector,
  type KeyProtector,
  type StringEncryptor,
} from './protector'
import { detectTpmTcti, tpmKeyProtector, tpmToolsInstalled } from './tpm-protector'

/** Where the passphrase comes from: a file (never argv), or typed on the terminal at start. */
export type PassphraseSource =
  { kind: 'file'; path: string } | { kind: 'prompt'; read: () => Promise<string> }

/** What a shell offers for the keys: Electron its safeStorage, host and CLI a passphrase. */
export interface KeyProtectionOptions {
  safeStorage?: SafeStorageOffer & { encryptor: StringEncryptor }
  passphrase?: PassphraseSource
  /** Tests lower it; a station keeps STATION_PASSPHRASE_COST. */
  passphraseCost?: PassphraseCost
  env?: NodeJS.ProcessEnv
  platform?: NodeJS.Platform
  /** Whether the TPM device can be opened (tests say no, whatever the machine has). */
  canOpenTpmDevice?: (path: string) => boolean
}

/** The protector in use and why stronger ones were passed over: for doctor and the home screen. */
export interface KeyProtectionStatus {
  kind: ProtectorKind | 'injected'
  notes: ProtectorNote[]
}

/** `--passphrase-file PATH` (or `=PATH`) in an argv that holds other things; never the passphrase. */
export function passphraseFileFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--passphrase-file') return argv[i + 1]
    if (arg.startsWith('--passphrase-file=')) return arg.slice('--passphrase-file='.length)
  }
  return undefined
}

/**
 * The passphrase source of a run: `--passphrase-file` (the shell parses it), else
 * KIOSK_KEY_PASSPHRASE_FILE, else the terminal's prompt when there is one.
 */
export function passphraseSourceOf(
  flagPath: string | undefined,
  env: NodeJS.ProcessEnv,
  prompt: (() => Promise<string>) | null,
): PassphraseSource | undefined {
  const path = flagPath ?? (env[PASSPHRASE_FILE_ENV] || undefined)
  if (path) return { kind: 'file', path }
  return prompt ? { kind: 'prompt', read: prompt } : undefined
}

/** The passphrase file's first line (a trailing newline is not part of the passphrase). */
export function readPassphraseFile(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new KeyProtectionError(
      'passphraseFileUnreadable',
      { path },
      (error as NodeJS.ErrnoException).code ?? null,
    )
  }
  const passphrase = text.replace(/\r?\n$/, '')
  if (passphrase.length === 0) throw new KeyProtectionError('passphraseEmpty')
  return passphrase
}

async function passphraseOf(source: PassphraseSource | undefined): Promise<string> {
  if (!source) throw new KeyProtectionError('passphraseMissing')
  if (source.kind === 'file') return readPassphraseFile(source.path)
  const typed = await source.read()
  if (typed.length === 0) throw new KeyProtectionError('passphraseEmpty')
  return typed
}

/**
 * Looks at what the machine offers, chooses (chooseProtector) and builds the protector; a refusal
 * is a KeyProtectionError whose text says what to do.
 */
export async function resolveKeyProtector(
  config: KeysConfig,
  training: boolean,
  options: KeyProtectionOptions,
  randomBytes: RandomBytes,
): Promise<{ protector: KeyProtector; status: KeyProtectionStatus }> {
  const env = options.env ?? process.env
  const offer: ProtectionOffer = {
    training,
    platform: options.platform ?? process.platform,
    tpmTcti: detectTpmTcti(config.tpmTcti, env, options.canOpenTpmDevice),
    tpmToolsInstalled: tpmToolsInstalled(env),
    safeStorage: options.safeStorage ?? null,
    passphrase: !options.passphrase
      ? 'none'
      : options.passphrase.kind === 'file'
        ? 'given'
        : 'prompt',
  }
  const choice = chooseProtector(config, offer)
  if (!choice.ok) throw new KeyProtectionError(choice.refusal.reason, choice.refusal.params)
  const status: KeyProtectionStatus = { kind: choice.kind, notes: choice.notes }
  switch (choice.kind) {
    case 'tpm':
      return { protector: tpmKeyProtector(choice.tcti ?? ''), status }
    case 'safe-storage':
      // chooseProtector picks safe-storage only when the shell offered it.
      if (!options.safeStorage) throw new KeyProtectionError('safeStorageNotInShell')
      return { protector: safeStorageKeyProtector(options.safeStorage.encryptor), status }
    case 'passphrase': {
      const passphrase = await passphraseOf(options.passphrase)
      return {
        protector: passphraseKeyProtector(passphrase, randomBytes, options.passphraseCost),
        status,
      }
    }
    case 'plain-training':
      return { protector: plainTrainingProtector, status }
  }
}
