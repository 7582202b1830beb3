import { createHash } from 'node:crypto'
import type { AccessKey } from '../access-key'
import { mrzKeyInformation } from '../access-key'
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf'

export type MrzAccessKey = Extract<AccessKey, { kind: 'MRZ' }>

/** K_seed = the first 16 bytes of SHA-1(MRZ information) (ICAO 9303-11 §9.7.2). */
export function bacKeySeed(key: MrzAccessKey): Uint8Array {
  const digest = createHash('sha1').update(mrzKeyInformation(key), 'latin1').digest()
  return new Uint8Array(digest.subarray(0, 16))
}

/** 3DES K_enc and K_mac from a seed (the document basic access keys, or BAC session keys). */
export function bacKeysFromSeed(seed: Uint8Array): { encKey: Uint8Array; macKey: Uint8Array } {
  return { encKey: deriveKey(seed, KDF_ENC, '3DES'), macKey: deriveKey(seed, KDF_MAC, '3DES') }
}

/** SSC = last 4 bytes of RND.IC || last 4 bytes of RND.IFD. */
export function bacSsc(rndIc: Uint8Array, rndIfd: Uint8Array): bigint {
  let v = 0n
  for (const b of [...rndIc.subarray(4, 8), ...rndIfd.subarray(4, 8)]) v = (v << 8n) | BigInt(b)
  return v
}

export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new RangeError('xor of different lengths')
  return a.map((v, i) => v ^ (b[i] ?? 0))
}
