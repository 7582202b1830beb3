import { aesCbcDecrypt, aesCbcEncrypt } from './aes'
import { aesCmac } from './cmac'
import { tripleDesCbcDecrypt, tripleDesCbcEncrypt } from './des'
import { retailMac } from './retail-mac'

/** The symmetric suites of ICAO 9303-11: 2-key 3DES with retail MAC, or AES with CMAC. */
export type IcaoCipher = '3DES' | 'AES-128' | 'AES-192' | 'AES-256'

export const ICAO_CIPHERS: readonly IcaoCipher[] = ['3DES', 'AES-128', 'AES-192', 'AES-256']

export function blockSizeOf(cipher: IcaoCipher): 8 | 16 {
  return cipher === '3DES' ? 8 : 16
}

export function keyLengthOf(cipher: IcaoCipher): 16 | 24 | 32 {
  if (cipher === 'AES-192') return 24
  if (cipher === 'AES-256') return 32
  return 16
}

/** CBC encryption without padding (3DES IV 0 by default; AES IV given by the caller). */
export function encryptCbc(
  cipher: IcaoCipher,
  key: Uint8Array,
  data: Uint8Array,
  iv?: Uint8Array,
): Uint8Array {
  return cipher === '3DES' ? tripleDesCbcEncrypt(key, data, iv) : aesCbcEncrypt(key, data, iv)
}

export function decryptCbc(
  cipher: IcaoCipher,
  key: Uint8Array,
  data: Uint8Array,
  iv?: Uint8Array,
): Uint8Array {
  return cipher === '3DES' ? tripleDesCbcDecrypt(key, data, iv) : aesCbcDecrypt(key, data, iv)
}

/**
 * The 8-byte MAC of ICAO 9303-11: retail MAC for 3DES (input must already be padded to 8 bytes),
 * AES-CMAC truncated to 8 bytes for AES (CMAC pads internally; SM pads before anyway).
 */
export function mac8(cipher: IcaoCipher, key: Uint8Array, message: Uint8Array): Uint8Array {
  return cipher === '3DES' ? retailMac(key, message) : aesCmac(key, message).slice(0, 8)
}
