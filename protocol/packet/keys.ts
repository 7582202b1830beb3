import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { keyIdOf } from '../keys'

/** Randomness is injected so tests are deterministic; production passes `crypto.randomBytes`. */
export type RandomBytes = (size: number) => Buffer

// PKCS#8 prefixes for a raw 32-byte seed (RFC 8410): the key type is the only difference.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

export interface KeyPair {
  privateKey: KeyObject
  publicKey: KeyObject
  /** First 128 bits of SHA-256 over the public key's SPKI DER, hex. */
  keyId: string
}

function fromSeed(prefix: Buffer, seed: Buffer): KeyPair {
  if (seed.length !== 32) throw new Error('a key seed is 32 bytes')
  const privateKey = createPrivateKey({
    key: Buffer.concat([prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = createPublicKey(privateKey)
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) }
}

/** The terminal's signing key: Ed25519. */
export function generateTerminalKeyPair(randomBytes: RandomBytes): KeyPair {
  return fromSeed(ED25519_PKCS8_PREFIX, randomBytes(32))
}

/** The upstream's key-agreement key, to which data keys are wrapped: X25519. */
export function generateUpstreamKeyPair(randomBytes: RandomBytes): KeyPair {
  return fromSeed(X25519_PKCS8_PREFIX, randomBytes(32))
}

/** An ephemeral X25519 pair for one file's key wrap. */
export function ephemeralKeyPair(randomBytes: RandomBytes): KeyPair {
  return fromSeed(X25519_PKCS8_PREFIX, randomBytes(32))
}

// One definition for both sides of the wire: the upstream checks keys with the same helpers.
export { keyIdOf, publicKeyFromBase64, publicKeyToBase64 } from '../keys'

/** Storage form of a private key: PKCS#8 DER. */
export function privateKeyToDer(privateKey: KeyObject): Buffer {
  return privateKey.export({ format: 'der', type: 'pkcs8' })
}

export function privateKeyFromDer(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
}

/** The raw 32 bytes of an X25519/Ed25519 public key (the last 32 bytes of its SPKI DER). */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  // The JWK export is the cheap one (no DER encoder); for these keys its `x` is the raw key.
  const jwk = publicKey.export({ format: 'jwk' })
  if (jwk.kty === 'OKP' && typeof jwk.x === 'string') return Buffer.from(jwk.x, 'base64url')
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return der.subarray(der.length - 32)
}
