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
import type { KeyProtector } from './protector'
import { parse } from '../../../lib/schema'

const KeyFileSchema = z
  .object({
    format: z.literal(1),
    protector: z.string(),
    sealed: z.string(),
  })
  .strict()

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

export function readKeyFile(path: string, protector: KeyProtector): Buffer | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new KeyFileError(path, (error as Error).message)
  }
  let parsed
  try {
    parsed = parse(KeyFileSchema, JSON.parse(text))
  } catch {
    throw new KeyFileError(path, 'not a key file')
  }
  if (parsed.protector !== protector.kind)
    throw new KeyFileError(path, `sealed by "${parsed.protector}", not "${protector.kind}"`)
  try {
    return protector.unseal(Buffer.from(parsed.sealed, 'base64'))
  } catch (error) {
    throw new KeyFileError(path, `cannot unseal (${(error as Error).message})`)
  }
}

export function writeKeyFile(path: string, key: Buffer, protector: KeyProtector): void {
  const file = {
    format: 1,
    protector: protector.kind,
    sealed: protector.seal(key).toString('base64'),
  }
  writeFileDurably(path, Buffer.from(JSON.stringify(file), 'utf8'))
}

/** Reads the key at `path`, or creates, stores and returns a new one. */
export function loadOrCreateKey(
  path: string,
  protector: KeyProtector,
  create: () => Buffer,
): Buffer {
  const existing = readKeyFile(path, protector)
  if (existing) return existing
  const key = create()
  writeKeyFile(path, key, protector)
  return key
}
