import { createCipheriv, createDecipheriv } from 'node:crypto'
import { runCipher } from './des'

const ZERO_IV16 = new Uint8Array(16)

function algorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError(`AES key of ${key.length} bytes`)
  }
  return `aes-${key.length * 8}-${mode}`
}

/** AES-CBC (128/192/256 by key length), no padding: data must be a multiple of 16 bytes. */
export function aesCbcEncrypt(
  key: Uint8Array,
  data: Uint8Array,
  iv: Uint8Array = ZERO_IV16,
): Uint8Array {
  return runCipher(createCipheriv(algorithm(key, 'cbc'), key, iv), data)
}

export function aesCbcDecrypt(
  key: Uint8Array,
  data: Uint8Array,
  iv: Uint8Array = ZERO_IV16,
): Uint8Array {
  return runCipher(createDecipheriv(algorithm(key, 'cbc'), key, iv), data)
}

/** AES-ECB on whole blocks (the SM IV is E(KSenc, SSC); CMAC subkeys). */
export function aesEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return runCipher(createCipheriv(algorithm(key, 'ecb'), key, null), data)
}
