import type { SqliteDatabase } from '../../../lib/sqlite/database'

/** A receipt as the upstream signed it (fields match upstream/protocol ReceiptSchema). */
export interface StoredReceipt {
  fileId: string
  sha256: string
  size: number
  terminalId: string
  receivedAt: string
  keyId: string
  signature: string
}

interface Row {
  file_id: string
  sha256: string
  size: number
  terminal_id: string
  received_at: string
  key_id: string
  signature: string
  stored_at: string
}

export interface ReceiptRepository {
  /** Stores a verified receipt; storing the same file's receipt again is a no-op. */
  insert(receipt: StoredReceipt, storedAt: string): void
  get(fileId: string): StoredReceipt | undefined
  count(): number
}

export function createReceiptRepository(db: SqliteDatabase): ReceiptRepository {
  const insert = db.prepare(
    `INSERT INTO receipts (file_id, sha256, size, terminal_id, received_at, key_id, signature,
       stored_at)
     VALUES (@fileId, @sha256, @size, @terminalId, @receivedAt, @keyId, @signature, @storedAt)
     ON CONFLICT (file_id) DO NOTHING`,
  )
  const get = db.prepare<[string], Row>('SELECT * FROM receipts WHERE file_id = ?')
  const count = db.prepare<[], number>('SELECT count(*) FROM receipts').pluck()
  return {
    insert: (receipt, storedAt) => insert.run({ ...receipt, storedAt }),
    get(fileId) {
      const r = get.get(fileId)
      if (!r) return undefined
      return {
        fileId: r.file_id,
        sha256: r.sha256,
        size: r.size,
        terminalId: r.terminal_id,
        receivedAt: r.received_at,
        keyId: r.key_id,
        signature: r.signature,
      }
    },
    count: () => count.get() ?? 0,
  }
}
