import { createHash } from 'node:crypto'
import { mrzKeyInformation, type AccessKey } from '../access-key'
import type { IcaoCipher } from '../crypto/cipher'
import { deriveKey, KDF_PACE_PASSWORD } from '../crypto/kdf'

/** MSE:Set AT password references (ICAO 9303-11 §4.4.4.1): 01 MRZ, 02 CAN. */
export const PASSWORD_REFERENCE = { MRZ: 1, CAN: 2 } as const

/**
 * The PACE password K: SHA-1 of the MRZ information (all 20 bytes, unlike BAC's 16-byte seed), or the
 * CAN's ASCII digits as they are.
 */
export function pacePasswordBytes(key: AccessKey): Uint8Array {
  if (key.kind === 'CAN') return new Uint8Array(Buffer.from(key.can, 'latin1'))
  return new Uint8Array(createHash('sha1').update(mrzKeyInformation(key), 'latin1').digest())
}

/** K_π = KDF(K, 3) for the PACE cipher. */
export function pacePasswordKey(key: AccessKey, cipher: IcaoCipher): Uint8Array {
  return deriveKey(pacePasswordBytes(key), KDF_PACE_PASSWORD, cipher)
}
