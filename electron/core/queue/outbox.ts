import { CatalogueError, messageRef } from '../../../lib/messages'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { fsyncDirectory } from '../keys'

/** Same extension as on export media: the body is byte for byte what is uploaded. */
export const OUTBOX_EXTENSION = '.kpkt'
const TEMP_SUFFIX = '.tmp'

/**
 * The encrypted bodies of submitted files, one file each. Submit writes and fsyncs the body here
 * before the queue row commits; a body whose row never committed (a crash in between) is an orphan
 * that `sweep` removes.
 */
export interface Outbox {
  readonly dir: string
  pathOf(fileId: string): string
  /** Writes the body durably: temp file, fsync, rename, fsync of the folder. */
  write(fileId: string, body: Uint8Array): void
  exists(fileId: string): boolean
  /** Reads `length` bytes at `offset` without loading the whole body. */
  read(fileId: string, offset: number, length: number): Buffer
  remove(fileId: string): boolean
  /** SHA-256 (hex) and size of the body on disk, read in pieces; null when it is missing. */
  digest(fileId: string): { sha256: string; size: number } | null
  /**
   * Deletes bodies with no queue row, and temp files, older than `minAgeMs` (a younger one may
   * belong to a submit in progress in another process). Returns the file ids removed.
   */
  sweep(isQueued: (fileId: string) => boolean, nowMs: number, minAgeMs: number): string[]
}

export class OutboxError extends CatalogueError {
  constructor(detail: string) {
    super(messageRef('messages.queue.outboxUnreadable'), detail)
    this.name = 'OutboxError'
  }
}

export function createOutbox(dir: string): Outbox {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const pathOf = (fileId: string) => join(dir, `${fileId}${OUTBOX_EXTENSION}`)
  return {
    dir,
    pathOf,
    write: (fileId, body) => writeDurably(dir, pathOf(fileId), body),
    exists: (fileId) => existsSync(pathOf(fileId)),
    read: (fileId, offset, length) => readRange(pathOf(fileId), fileId, offset, length),
    remove(fileId) {
      try {
        unlinkSync(pathOf(fileId))
        return true
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
        throw error
      }
    },
    digest: (fileId) => digestOf(pathOf(fileId)),
    sweep: (isQueued, nowMs, minAgeMs) => sweepOrphans(dir, isQueued, nowMs, minAgeMs),
  }
}

/** Temp file, fsync, rename, fsync of the folder. */
function writeDurably(dir: string, path: string, body: Uint8Array): void {
  const temp = `${path}${TEMP_SUFFIX}`
  const fd = openSync(temp, 'w', 0o600)
  try {
    writeSync(fd, body)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
  fsyncDirectory(dir)
}

function readRange(path: string, fileId: string, offset: number, length: number): Buffer {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw new OutboxError(`${fileId}: ${(error as Error).message}`)
  }
  try {
    const buffer = Buffer.alloc(length)
    let done = 0
    while (done < length) {
      const n = readSync(fd, buffer, done, length - done, offset + done)
      if (n === 0) throw new OutboxError(`${fileId}: shorter than expected`)
      done += n
    }
    return buffer
  } finally {
    closeSync(fd)
  }
}

/** digestOf's read buffer: it runs before every upload, and synchronously, so one is enough. */
const digestScratch = Buffer.allocUnsafe(256 * 1024)

function digestOf(path: string): { sha256: string; size: number } | null {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const hash = createHash('sha256')
    const buffer = digestScratch
    let size = 0
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, size)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
      size += n
    }
    return { sha256: hash.digest('hex'), size }
  } finally {
    closeSync(fd)
  }
}

function sweepOrphans(
  dir: string,
  isQueued: (fileId: string) => boolean,
  nowMs: number,
  minAgeMs: number,
): string[] {
  const removed: string[] = []
  for (const name of readdirSync(dir)) {
    const temp = name.endsWith(TEMP_SUFFIX)
    const base = temp ? name.slice(0, -TEMP_SUFFIX.length) : name
    if (!base.endsWith(OUTBOX_EXTENSION)) continue
    const fileId = base.slice(0, -OUTBOX_EXTENSION.length)
    if (!temp && isQueued(fileId)) continue
    const path = join(dir, name)
    if (nowMs - statSync(path).mtimeMs < minAgeMs) continue
    unlinkSync(path)
    if (!temp) removed.push(fileId)
  }
  return removed
}
