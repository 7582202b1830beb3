import { sign, verify, type KeyObject } from 'node:crypto'
import { signingKeyType } from './keys'

/**
 * Signs bytes with an Ed25519 key (pure Ed25519) or a P-256 key (ECDSA with SHA-256, signature as
 * the 64-byte r‖s, "IEEE P1363"). Returns base64url without padding.
 */
export function signBytes(data: Buffer, privateKey: KeyObject): string {
  const type = signingKeyType(privateKey)
  if (type === 'ed25519') return sign(null, data, privateKey).toString('base64url')
  if (type === 'p256')
    return sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString(
      'base64url',
    )
  throw new Error('signing keys are Ed25519 or ECDSA P-256')
}

/** False for a wrong signature, a malformed one, or a key that is not Ed25519 / P-256. */
export function verifyBytes(data: Buffer, signature: string, publicKey: KeyObject): boolean {
  if (!/^[A-Za-z0-9_-]+$/.test(signature)) return false
  const bytes = Buffer.from(signature, 'base64url')
  const type = signingKeyType(publicKey)
  try {
    if (type === 'ed25519') return bytes.length === 64 && verify(null, data, publicKey, bytes)
    if (type === 'p256')
      return (
        bytes.length === 64 &&
        verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, bytes)
      )
  } catch {
    return false
  }
  return false
}
