import { CatalogueError, messageRef } from '../../../lib/messages'
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'
import { KeyProtectionError } from './key-protection-error'
import { CLEAR_KINDS, type KeyProtector } from './protector'
import { parse } from '../../../lib/schema'

const KeyFileSchema = z
  .object({
    format: z.literal(1),
    protector: z.string(),
    sealed: z.string().max(100_000),
    /** Set on `plain-training` files, for whoever opens one. */
    note: z.string().max(200).optional(),
  })
  .strict()

const PLAIN_NOTE = 'TRAINING ONLY: this key is not protected (not for a live station)'

/** A key file that cannot be used: wrong protector, corrupt, or unreadable. */
export class KeyFileError extends CatalogueError {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(messageRef('messages.keys.keyUnreadable'), `${path}: ${detail}`)
    this.name = 'KeyFileError'
  }
}

/** Writes `data` to `path` and makes it durable: temp file, fsync, rename, fsync of the folder. */
export function writeFileDurably(path: string, data: Uint8Array, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const temp = `${path}.tmp-${process.pid}`
  const fd = openSync(temp, 'w', mode)
  try {
    writeSync(fd, data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
  fsyncDirectory(dirname(path))
}

export function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** A key file's protector and its sealed bytes, before any protector has looked at them. */
export interface StoredKey {
  protector: string
  sealed: Buffer
}

/** Parses a key file's text; throws KeyFileError for anything that is not one. */
export function parseKeyFile(path: string, text: string): StoredKey {
  try {
    const parsed = parse(KeyFileSchema, JSON.parse(text))
    const sealed = Buffer.from(parsed.sealed, 'base64')
    if (sealed.toString('base64') !== parsed.sealed) throw new Error('not base64')
    return { protector: parsed.protector, sealed }
  } catch {
    throw new KeyFileError(path, 'not a key file')
  }
}

/** The key file at `path`, or null when there is none. */
export function readStoredKey(path: string): StoredKey | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new KeyFileError(path, (error as Error).message)
  }
  return parseKeyFile(path, text)
}

function unsealStored(path: string, stored: StoredKey, protector: KeyProtector): Buffer {
  if (stored.protector !== protector.kind)
    // Not damaged: chosen differently this start (config, a keyring gone). Say how to get back.
    throw new KeyProtectionError(
      'sealedByOther',
      { stored: stored.protector, chosen: protector.kind },
      path,
    )
  try {
    return protector.unseal(stored.sealed)
  } catch (error) {
    // A wrong passphrase or a refusing TPM has its own sentence and next step.
    if (error instanceof KeyProtectionError) throw error
    throw new KeyFileError(path, `cannot unseal (${(error as Error).message})`)
  }
}

export function readKeyFile(path: string, protector: KeyProtector): Buffer | null {
  const stored = readStoredKey(path)
  return stored ? unsealStored(path, stored, protector) : null
}

/** The text of a key file holding `key` sealed by `protector` (what parseKeyFile reads back). */
export function keyFileText(key: Buffer, protector: KeyProtector): string {
  return JSON.stringify({
    format: 1,
    protector: protector.kind,
    sealed: protector.seal(key).toString('base64'),
    ...(protector.kind === 'plain-training' ? { note: PLAIN_NOTE } : {}),
  })
}

export function writeKeyFile(path: string, key: Buffer, protector: KeyProtector): void {
  writeFileDurably(path, Buffer.from(keyFileText(key, protector), 'utf8'))
}

/**
 * Reads the key at `path`, or creates, stores and returns a new one. A key stored in clear
 * (`file`, `plain-training`) under another protector is sealed by this one and the clear file
 * replaced in one rename; `onMigrated` hears of it (the audit log).
 */
export function loadOrCreateKey(
  path: string,
  protector: KeyProtector,
  create: () => Buffer,
  onMigrated?: (from: string) => void,
): Buffer {
  const stored = readStoredKey(path)
  if (stored && stored.protector !== protector.kind && CLEAR_KINDS.has(stored.protector)) {
    writeKeyFile(path, stored.sealed, protector)
    onMigrated?.(stored.protector)
    return stored.sealed
  }
  if (stored) return unsealStored(path, stored, protector)
  const key = create()
  writeKeyFile(path, key, protector)
  return key
}
