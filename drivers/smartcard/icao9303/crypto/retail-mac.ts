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
  let state: Uint8Array = new Uint8Array(8)
  for (let at = 0; at < message.length; at += 8) {
    const block = state.map((b, i) => b ^ (message[at + i] ?? 0))
    state = desEcbEncrypt(ka, block)
  }
  return desEcbEncrypt(ka, desEcbDecrypt(kb, state))
}
