import type { SqliteDatabase } from '../../../lib/sqlite'
import type { SigningKeyType } from '../../../protocol'

export interface TerminalRecord {
  terminalId: string
  /** base64 SPKI DER */
  publicKey: string
  keyId: string
  keyType: SigningKeyType
  registeredAt: string
}

export interface TerminalRepository {
  get(terminalId: string): TerminalRecord | undefined
  /** Inserts the terminal, or replaces its key (re-registration with a fresh invite). */
  upsert(record: TerminalRecord): void
}

/** A `terminals` row as both backends read it. */
export interface TerminalRow {
  terminal_id: string
  public_key: string
  key_id: string
  key_type: SigningKeyType
  registered_at: string
}

export function terminalRecordOf(row: TerminalRow): TerminalRecord {
  return {
    terminalId: row.terminal_id,
    publicKey: row.public_key,
    keyId: row.key_id,
    keyType: row.key_type,
    registeredAt: row.registered_at,
  }
}

export function createTerminalRepository(db: SqliteDatabase): TerminalRepository {
  const select = db.prepare<[string], TerminalRow>('SELECT * FROM terminals WHERE terminal_id = ?')
  const upsert = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO terminals (terminal_id, public_key, key_id, key_type, registered_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (terminal_id) DO UPDATE SET public_key = excluded.public_key,
       key_id = excluded.key_id, key_type = excluded.key_type, registered_at = excluded.registered_at`,
  )
  return {
    get(terminalId) {
      const row = select.get(terminalId)
      return row ? terminalRecordOf(row) : undefined
    },
    upsert(r) {
      upsert.run(r.terminalId, r.publicKey, r.keyId, r.keyType, r.registeredAt)
    },
  }
}
