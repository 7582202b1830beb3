import type { SqliteDatabase } from '../../../lib/sqlite/database'

/** What the upstream answered when this terminal registered: its ids and public keys. */
export interface TerminalRegistration {
  terminalId: string
  keyId: string
  upstreamId: string
  upstreamUrl: string | null
  encryptionKeyId: string
  /** base64 SPKI DER, X25519. */
  encryptionPublicKey: string
  signingKeyId: string
  /** base64 SPKI DER, Ed25519. */
  signingPublicKey: string
  registeredAt: string
}

export interface TerminalRegistrationRepository {
  get(): TerminalRegistration | undefined
  /** Records (or replaces) the registration. */
  set(registration: TerminalRegistration): void
}

export function createTerminalRegistrationRepository(
  db: SqliteDatabase,
): TerminalRegistrationRepository {
  const get = db.prepare<[], Record<string, string | null>>(
    'SELECT * FROM terminal_registration WHERE id = 1',
  )
  const set = db.prepare(
    `INSERT OR REPLACE INTO terminal_registration (id, terminal_id, key_id, upstream_id,
       upstream_url, encryption_key_id, encryption_public_key, signing_key_id, signing_public_key,
       registered_at)
     VALUES (1, @terminalId, @keyId, @upstreamId, @upstreamUrl, @encryptionKeyId,
       @encryptionPublicKey, @signingKeyId, @signingPublicKey, @registeredAt)`,
  )
  return {
    get() {
      const r = get.get()
      if (!r) return undefined
      const text = (key: string) => String(r[key])
      return {
        terminalId: text('terminal_id'),
        keyId: text('key_id'),
        upstreamId: text('upstream_id'),
        upstreamUrl: r.upstream_url ?? null,
        encryptionKeyId: text('encryption_key_id'),
        encryptionPublicKey: text('encryption_public_key'),
        signingKeyId: text('signing_key_id'),
        signingPublicKey: text('signing_public_key'),
        registeredAt: text('registered_at'),
      }
    },
    set: (registration) => set.run(registration),
  }
}
