import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

/**
 * Encrypted file bodies on disk, one file per file id, written chunk by chunk. Every write is
 * fsynced before the database records the new offset, so a recorded offset is always backed by
 * bytes on disk (the reverse may not hold after a crash: the next chunk simply overwrites).
 */
export interface BodyStore {
  /** Writes `data` at `offset` and cuts the file there: bytes past it are stale. */
  write(fileId: string, offset: number, data: Uint8Array): void
  /** Bytes on disk (0 when absent). */
  size(fileId: string): number
  read(fileId: string): Buffer
  sha256(fileId: string): string
  remove(fileId: string): void
}

const FILE_ID = /^[0-9a-f-]{36}$/

export function createBodyStore(dir: string): BodyStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const pathOf = (fileId: string) => {
    // File ids are checked UUIDs before they get here; this guards the path all the same.
    if (!FILE_ID.test(fileId)) throw new Error(`not a file id: ${fileId}`)
    return join(dir, `${fileId}.kpkt`)
  }
  const syncDirectory = () => {
    const fd = openSync(dir, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  }
  return {
    write(fileId, offset, data) {
      const path = pathOf(fileId)
      const created = !existsSync(path)
      const fd = openSync(path, created ? 'w' : 'r+', 0o600)
      try {
        let written = 0
        while (written < data.byteLength)
          written += writeSync(fd, data, written, data.byteLength - written, offset + written)
        ftruncateSync(fd, offset + data.byteLength)
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      if (created) syncDirectory()
    },
    size(fileId) {
      const path = pathOf(fileId)
      return existsSync(path) ? statSync(path).size : 0
    },
    read: (fileId) => readFileSync(pathOf(fileId)),
    sha256: (fileId) =>
      createHash('sha256')
        .update(readFileSync(pathOf(fileId)))
        .digest('hex'),
    remove(fileId) {
      rmSync(pathOf(fileId), { force: true })
    },
  }
}
