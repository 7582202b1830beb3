import { chmod, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { AsyncRepository } from '../db/async-repository'
import type { BodyStore } from './body-store'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT'
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size
  } catch (error) {
    if (isMissing(error)) return 0
    throw error
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function append(path: string, offset: number, data: Uint8Array) {
  const handle = await open(path, 'r+')
  try {
    await handle.write(data, 0, data.byteLength, offset)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** The first `keep` bytes of the body, then `data`, as a new file renamed over the old one. */
async function replace(dir: string, path: string, keep: number, data: Uint8Array) {
  const head = keep ? (await readFile(path)).subarray(0, keep) : Buffer.alloc(0)
  const temp = `${path.slice(0, -'.body'.length)}.tmp`
  const handle = await open(temp, 'w', 0o600)
  try {
    if (head.byteLength) await handle.write(head, 0, head.byteLength, 0)
    if (data.byteLength) await handle.write(data, 0, data.byteLength, keep)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, path)
  await syncDir(dir)
}

/**
 * File bodies as one file each in `dir` (0700; bodies 0600), named after the file id, which must
 * be a UUID: nothing else is accepted, so no id can name a path outside `dir`.
 *
 * A write resolves only once its bytes are on disk (the file fsynced, and the folder too when the
 * file is new): the intake answers a receipt as soon as the last write resolves.
 *
 * Several intake processes may share `dir`. Only the process holding an upload's row (the database
 * decides) writes its body; any process may read it. What a reader is guaranteed:
 * - a write at the end of the body (the usual next chunk) appends in place: a concurrent `read` or
 *   `size` sees the body before the write or it plus a part of the new chunk, a prefix of what
 *   the body will be;
 * - a write that drops bytes (its offset before the end), and the first write of a body, build the
 *   new body in `<id>.tmp` and rename it over the old one: a reader sees the old body or the new
 *   one whole, never a truncated body or dropped bytes next to new ones.
 * Not guaranteed: two processes writing the same body at once (the row's owner is the only writer),
 * or a write at an offset past the end (refused: it would leave a hole SQLite's chunks don't have).
 */
export function createDirectoryBodyStore(dir: string): AsyncRepository<BodyStore> {
  let ready: Promise<void> | undefined
  const prepared = () =>
    (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }).then(() => chmod(dir, 0o700)))
  const pathOf = (fileId: string) => {
    if (!UUID.test(fileId)) throw new RangeError(`body store: file id ${fileId} is not a UUID`)
    return join(dir, `${fileId}.body`)
  }
  return {
    async write(fileId, offset, data) {
      const path = pathOf(fileId)
      await prepared()
      const size = await sizeOf(path)
      if (offset > size)
        throw new RangeError(`body store: write at ${offset} past the end (${size}) of ${fileId}`)
      if (offset < size || size === 0) {
        // An empty write at the end of an empty or missing body changes nothing.
        if (size === 0 && data.byteLength === 0) return
        await replace(dir, path, offset, data)
      } else if (data.byteLength) await append(path, offset, data)
    },
    size: async (fileId) => sizeOf(pathOf(fileId)),
    async read(fileId) {
      try {
        return await readFile(pathOf(fileId))
      } catch (error) {
        if (isMissing(error)) return Buffer.alloc(0)
        throw error
      }
    },
    async remove(fileId) {
      try {
        await unlink(pathOf(fileId))
      } catch (error) {
        if (!isMissing(error)) throw error
      }
    },
  }
}
