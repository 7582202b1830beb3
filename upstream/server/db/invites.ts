import { createHash } from 'node:crypto'
import type { SqliteDatabase } from '../../../lib/sqlite'

// Crockford base32 without I, L, O, U: codes are read aloud and typed on a kiosk.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export const DEFAULT_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000

/** Upper-cases and drops separators, so `abcd-efgh …` and `ABCDEFGH…` are the same code. */
export function normalizeInviteCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '')
}

export function inviteCodeHash(code: string): string {
  return createHash('sha256').update(normalizeInviteCode(code)).digest('hex')
}

/** 16 characters (80 bits) in four groups: `7K2M-QX4R-…`. */
export function formatInviteCode(random: Buffer): string {
  const chars = [...random.subarray(0, 16)].map((byte) => ALPHABET.charAt(byte % 32))
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-')
}

export type InviteLookup =
  | { status: 'unknown' }
  | { status: 'expired' }
  | { status: 'open' }
  | { status: 'used'; terminalId: string; keyId: string }

export interface InviteRepository {
  /** Creates an invite and returns its code; only the hash is stored. */
  create(options: { now: Date; randomBytes: (n: number) => Buffer; ttlMs?: number }): string
  lookup(code: string, now: Date): InviteLookup
  /** Marks an open invite used; false if it was not open. */
  use(code: string, terminalId: string, keyId: string, now: Date): boolean
}

export function createInviteRepository(db: SqliteDatabase): InviteRepository {
  const insert = db.prepare<[string, string, string]>(
    'INSERT INTO invites (code_hash, created_at, expires_at) VALUES (?, ?, ?)',
  )
  const select = db.prepare<
    [string],
    { expires_at: string; used_by: string | null; used_key_id: string | null }
  >('SELECT expires_at, used_by, used_key_id FROM invites WHERE code_hash = ?')
  const markUsed = db.prepare<[string, string, string, string, string]>(
    `UPDATE invites SET used_by = ?, used_key_id = ?, used_at = ?
     WHERE code_hash = ? AND used_by IS NULL AND expires_at > ?`,
  )
  return {
    create({ now, randomBytes, ttlMs = DEFAULT_INVITE_TTL_MS }) {
      const code = formatInviteCode(randomBytes(16))
      insert.run(
        inviteCodeHash(code),
        now.toISOString(),
        new Date(now.getTime() + ttlMs).toISOString(),
      )
      return code
    },
    lookup(code, now) {
      const row = select.get(inviteCodeHash(code))
      if (!row) return { status: 'unknown' }
      if (row.used_by !== null)
        return { status: 'used', terminalId: row.used_by, keyId: row.used_key_id ?? '' }
      if (row.expires_at <= now.toISOString()) return { status: 'expired' }
      return { status: 'open' }
    },
    use(code, terminalId, keyId, now) {
      const at = now.toISOString()
      return markUsed.run(terminalId, keyId, at, inviteCodeHash(code), at).changes === 1
    },
  }
}
