import { createCipheriv } from 'node:crypto'
import { concat } from '../../../../lib/bytes'
import { desEcbDecrypt, desEcbEncrypt } from './des'

/**
 * ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") with DES and a 16-byte key Ka|Kb: DES-CBC with Ka over
 * every block, then decrypt the last state with Kb and encrypt it with Ka. The caller pads (method 2):
 * `message` must already be a multiple of 8 bytes.
 */
export function retailMac(key: Uint8Array, message: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`retail MAC needs a 16-byte key, got ${key.length}`)
  if (message.length === 0 || message.length % 8 !== 0) {
    throw new RangeError(`retail MAC input of ${message.length} bytes is not padded`)
  }
  const ka = key.subarray(0, 8)
  const kb = key.subarray(8, 16)
  // Single-DES CBC over the whole message in one OpenSSL call (EDE with K1|K1|K1 is DES): a cipher
  // object per block cost about 12 ms per 20 KB file.
  const cbc = createCipheriv('des-ede3-cbc', concat(ka, ka, ka), new Uint8Array(8))
  cbc.setAutoPadding(false)
  const chained = cbc.update(message)
  const state = new Uint8Array(chained.subarray(chained.length - 8))
  return desEcbEncrypt(ka, desEcbDecrypt(kb, state))
}
