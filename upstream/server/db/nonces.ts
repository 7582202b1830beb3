import type { SqliteDatabase } from '../../../lib/sqlite'

export interface NonceStore {
  /**
   * Records a nonce as used until `expiresMs`; false when the terminal already used it (a replay).
   * Expired nonces are purged as a side effect, at most once per `purgeEveryMs`.
   */
  remember(terminalId: string, nonce: string, expiresMs: number, nowMs: number): boolean
  size(): number
}

export function createNonceStore(db: SqliteDatabase, purgeEveryMs = 60_000): NonceStore {
  const insert = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO nonces (terminal_id, nonce, expires_ms) VALUES (?, ?, ?)',
  )
  const purge = db.prepare<[number]>('DELETE FROM nonces WHERE expires_ms < ?')
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM nonces')
  let lastPurge = Number.NEGATIVE_INFINITY
  return {
    remember(terminalId, nonce, expiresMs, nowMs) {
      if (nowMs - lastPurge >= purgeEveryMs) {
        purge.run(nowMs)
        lastPurge = nowMs
      }
      return insert.run(terminalId, nonce, expiresMs).changes === 1
    },
    size: () => count.get()?.n ?? 0,
  }
}
