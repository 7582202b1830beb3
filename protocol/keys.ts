import { createHash, createPublicKey, type KeyObject } from 'node:crypto'

/**
 * Public-key helpers both sides need (electron/core/packet re-exports them): a key travels as
 * base64 of its SPKI DER, and its id is the first 128 bits of SHA-256 over that DER, in hex.
 */
export function keyIdOf(publicKey: KeyObject): string {
  // A KeyObject never changes, so its id is computed once (every file and answer checks one).
  let id = keyIds.get(publicKey)
  if (id === undefined) {
    id = createHash('sha256')
      .update(publicKey.export({ format: 'der', type: 'spki' }))
      .digest('hex')
      .slice(0, 32)
    keyIds.set(publicKey, id)
  }
  return id
}
const keyIds = new WeakMap<KeyObject, string>()

export function publicKeyToBase64(publicKey: KeyObject): string {
  return publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
}

/** Throws on anything that is not an SPKI DER public key. */
export function publicKeyFromBase64(text: string): KeyObject {
  return createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' })
}

/** The signature algorithms a terminal or the upstream may sign with. */
export type SigningKeyType = 'ed25519' | 'p256'

/** `ed25519`, `p256` (ECDSA on prime256v1), or null for any other key (X25519, RSA…). */
export function signingKeyType(key: KeyObject): SigningKeyType | null {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519'
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return 'p256'
  return null
}
