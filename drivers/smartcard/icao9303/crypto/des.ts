import { createCipheriv, createDecipheriv } from 'node:crypto'
import { concat } from '../../../../lib/bytes'

/*
 * DES as ICAO 9303 uses it. Node's OpenSSL 3 has no single-DES cipher (legacy provider not loaded), so
 * single DES runs as des-ede3-ecb with K1|K1|K1: encrypt-decrypt-encrypt with one key is plain DES.
 */

const ZERO_IV8 = new Uint8Array(8)

/** Two-key 3DES (Ka|Kb, 16 bytes) in CBC mode, no padding; data must be a multiple of 8 bytes. */
export function tripleDesCbcEncrypt(
  key: Uint8Array,
  data: Uint8Array,
  iv: Uint8Array = ZERO_IV8,
): Uint8Array {
  return runCipher(createCipheriv('des-ede-cbc', key, iv), data)
}

export function tripleDesCbcDecrypt(
  key: Uint8Array,
  data: Uint8Array,
  iv: Uint8Array = ZERO_IV8,
): Uint8Array {
  return runCipher(createDecipheriv('des-ede-cbc', key, iv), data)
}

/** Single DES, ECB, on whole 8-byte blocks. */
export function desEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return runCipher(createCipheriv('des-ede3-ecb', concat(key, key, key), null), data)
}

export function desEcbDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return runCipher(createDecipheriv('des-ede3-ecb', concat(key, key, key), null), data)
}

/** Sets bit 0 of each byte so that the byte has odd parity (DES key convention). */
export function adjustDesParity(key: Uint8Array): Uint8Array {
  return key.map((b) => {
    let ones = 0
    for (let v = b >> 1; v; v >>= 1) ones += v & 1
    return (b & 0xfe) | (ones % 2 === 0 ? 1 : 0)
  })
}

interface BlockCipher {
  setAutoPadding(on: boolean): unknown
  update(data: Uint8Array): Buffer
  final(): Buffer
}

export function runCipher(cipher: BlockCipher, data: Uint8Array): Uint8Array {
  cipher.setAutoPadding(false)
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]))
}
