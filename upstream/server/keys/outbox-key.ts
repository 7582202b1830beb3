import { hkdfSync } from 'node:crypto'
import { privateKeyToDer } from '../../../protocol/packet'
import type { UpstreamKeys } from './upstream-keys'

/**
 * The AES-256 key that seals phone numbers in the SMS outbox, derived from the upstream's
 * decryption key (HKDF-SHA256): whoever can read the enrollment files can read the outbox, and
 * nobody else; no second secret to store, back up or lose.
 */
export function outboxKeyOf(keys: UpstreamKeys): Buffer {
  const secret = privateKeyToDer(keys.encryption.privateKey)
  return Buffer.from(
    hkdfSync('sha256', secret, Buffer.alloc(0), 'vneid-upstream sms-outbox v1', 32),
  )
}
