import { timingSafeEqual } from 'node:crypto'
import { concat } from '../../../../lib/bytes'
import { tripleDesCbcDecrypt, tripleDesCbcEncrypt } from '../crypto/des'
import { pad } from '../crypto/padding'
import { retailMac } from '../crypto/retail-mac'

/** E || M for EXTERNAL AUTHENTICATE: 3DES-CBC(K_enc, S) followed by its retail MAC. */
export function sealCryptogram(
  encKey: Uint8Array,
  macKey: Uint8Array,
  plain: Uint8Array,
): Uint8Array {
  const encrypted = tripleDesCbcEncrypt(encKey, plain)
  return concat(encrypted, retailMac(macKey, pad(encrypted, 8)))
}

/** Checks the MAC of a 40-byte E || M and decrypts E; undefined when the length or MAC is wrong. */
export function openCryptogram(
  encKey: Uint8Array,
  macKey: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | undefined {
  if (sealed.length !== 40) return undefined
  const encrypted = sealed.subarray(0, 32)
  const expected = retailMac(macKey, pad(encrypted, 8))
  if (!timingSafeEqual(expected, sealed.subarray(32))) return undefined
  return tripleDesCbcDecrypt(encKey, encrypted)
}
