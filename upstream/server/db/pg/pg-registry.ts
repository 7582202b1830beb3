import type { AsyncRepository } from '../async-repository'
import {
  DEFAULT_INVITE_TTL_MS,
  formatInviteCode,
  inviteCodeHash,
  type InviteRepository,
} from '../invites'
import type { NonceStore } from '../nonces'
import { terminalRecordOf, type TerminalRepository, type TerminalRow } from '../terminals'
import type { Queryable } from './pg-database'

/** Terminals on PostgreSQL: the same rows and answers as `createTerminalRepository`. */
export function createPgTerminalRepository(db: Queryable): AsyncRepository<TerminalRepository> {
  return {
    async get(terminalId) {
      const { rows } = await db.query<TerminalRow>(
        'SELECT * FROM terminals WHERE terminal_id = $1',
        [terminalId],
      )
      return rows[0] ? terminalRecordOf(rows[0]) : undefined
    },
    async upsert(r) {
      await db.query(
        `INSERT INTO terminals (terminal_id, public_key, key_id, key_type, registered_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (terminal_id) DO UPDATE SET public_key = excluded.public_key,
           key_id = excluded.key_id, key_type = excluded.key_type,
           registered_at = excluded.registered_at`,
        [r.terminalId, r.publicKey, r.keyId, r.keyType, r.registeredAt],
      )
    },
  }
}

/** One-time invites on PostgreSQL; `use` is one conditional UPDATE, so two processes cannot both win. */
export function createPgInviteRepository(db: Queryable): AsyncRepository<InviteRepository> {
  return {
    async create({ now, randomBytes, ttlMs = DEFAULT_INVITE_TTL_MS }) {
      const code = formatInviteCode(randomBytes(16))
      await db.query(
        'INSERT INTO invites (code_hash, created_at, expires_at) VALUES ($1, $2, $3)',
        [inviteCodeHash(code), now.toISOString(), new Date(now.getTime() + ttlMs).toISOString()],
      )
      return code
    },
    async lookup(code, now) {
      const { rows } = await db.query<{
        expires_at: string
        used_by: string | null
        used_key_id: string | null
      }>('SELECT expires_at, used_by, used_key_id FROM invites WHERE code_hash = $1', [
        inviteCodeHash(code),
      ])
      const row = rows[0]
      if (!row) return { status: 'unknown' }
      if (row.used_by !== null)
        return { status: 'used', terminalId: row.used_by, keyId: row.used_key_id ?? '' }
      if (row.expires_at <= now.toISOString()) return { status: 'expired' }
      return { status: 'open' }
    },
    async use(code, terminalId, keyId, now) {
      const at = now.toISOString()
      const result = await db.query(
        `UPDATE invites SET used_by = $1, used_key_id = $2, used_at = $3
         WHERE code_hash = $4 AND used_by IS NULL AND expires_at > $3`,
        [terminalId, keyId, at, inviteCodeHash(code)],
      )
      return result.rowCount === 1
    },
  }
}

/**
 * Nonces on PostgreSQL: the primary key decides a replay, whichever process sees it first, and
 * a committed insert is durable (synchronous_commit on), so a replay fails after a power loss too.
 */
export function createPgNonceStore(
  db: Queryable,
  purgeEveryMs = 60_000,
): AsyncRepository<NonceStore> {
  let lastPurge = Number.NEGATIVE_INFINITY
  return {
    async remember(terminalId, nonce, expiresMs, nowMs) {
      if (nowMs - lastPurge >= purgeEveryMs) {
        lastPurge = nowMs
        await db.query('DELETE FROM nonces WHERE expires_ms < $1', [nowMs])
      }
      const result = await db.query(
        `INSERT INTO nonces (terminal_id, nonce, expires_ms) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [terminalId, nonce, expiresMs],
      )
      return result.rowCount === 1
    },
    async size() {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM nonces')
      return rows[0]?.n ?? 0
    },
  }
}
