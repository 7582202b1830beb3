import { createHash } from 'node:crypto'
import { concat, uintBytes } from '../../../../lib/bytes'
import { keyLengthOf, type IcaoCipher } from './cipher'
import { adjustDesParity } from './des'

/** Counter values of ICAO 9303-11 §9.7.1. */
export const KDF_ENC = 1
export const KDF_MAC = 2
export const KDF_PACE_PASSWORD = 3

/**
 * KDF(K, c) = H(K || c) truncated to the key length: SHA-1 for 3DES and AES-128, SHA-256 for AES-192
 * and AES-256. 3DES keys get DES parity (ignored by DES, but it makes keys equal the published ones).
 */
export function deriveKey(secret: Uint8Array, counter: number, cipher: IcaoCipher): Uint8Array {
  const hash = cipher === '3DES' || cipher === 'AES-128' ? 'sha1' : 'sha256'
  const digest = createHash(hash)
    .update(concat(secret, uintBytes(counter, 4)))
    .digest()
  const key = new Uint8Array(digest.subarray(0, keyLengthOf(cipher)))
  return cipher === '3DES' ? adjustDesParity(key) : key
}
