import type { SqliteDatabase } from '../../../lib/sqlite'

/**
 * Encrypted file bodies, kept as their uploaded chunks in the upstream database (migration 006).
 * Callers put a chunk write and the file's new offset in one transaction.
 */
export interface BodyStore {
  /** Stores `data` at `offset`; whatever was stored at or past `offset` is dropped first. */
  write(fileId: string, offset: number, data: Uint8Array): void
  /** Bytes stored (0 when none). */
  size(fileId: string): number
  read(fileId: string): Buffer
  remove(fileId: string): void
}

export function createBodyStore(db: SqliteDatabase): BodyStore {
  const dropFrom = db.prepare<[string, number]>(
    'DELETE FROM chunks WHERE file_id = ? AND offset >= ?',
  )
  // A chunk that starts before `offset` and runs past it keeps only its head.
  const cutStraddling = db.prepare<[number, string, number, number]>(
    `UPDATE chunks SET data = substr(data, 1, ? - offset)
     WHERE file_id = ? AND offset < ? AND offset + length(data) > ?`,
  )
  const insert = db.prepare<[string, number, Uint8Array]>(
    'INSERT INTO chunks (file_id, offset, data) VALUES (?, ?, ?)',
  )
  const size = db.prepare<[string], { n: number }>(
    'SELECT coalesce(sum(length(data)), 0) AS n FROM chunks WHERE file_id = ?',
  )
  const select = db.prepare<[string], { data: Buffer }>(
    'SELECT data FROM chunks WHERE file_id = ? ORDER BY offset',
  )
  const remove = db.prepare<[string]>('DELETE FROM chunks WHERE file_id = ?')
  const write = db.transaction((fileId: string, offset: number, data: Uint8Array) => {
    dropFrom.run(fileId, offset)
    cutStraddling.run(offset, fileId, offset, offset)
    if (data.byteLength) insert.run(fileId, offset, data)
  })
  return {
    write: (fileId, offset, data) => write(fileId, offset, data),
    size: (fileId) => size.get(fileId)?.n ?? 0,
    read(fileId) {
      const rows = select.all(fileId)
      // A body sent in one chunk is that chunk: no copy.
      return rows.length === 1 && rows[0] ? rows[0].data : Buffer.concat(rows.map((r) => r.data))
    },
    remove(fileId) {
      remove.run(fileId)
    },
  }
}
