import { aesCbcEncrypt, aesEcbEncrypt } from './aes'

/** AES-CMAC (RFC 4493 / NIST SP 800-38B), full 16-byte tag; ICAO truncates it to 8 bytes. */
export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const l = aesEcbEncrypt(key, new Uint8Array(16))
  const k1 = doubleInField(l)
  const k2 = doubleInField(k1)
  const blocks = Math.max(1, Math.ceil(message.length / 16))
  const complete = message.length > 0 && message.length % 16 === 0
  const last = new Uint8Array(16)
  const tailStart = (blocks - 1) * 16
  last.set(message.subarray(tailStart))
  if (!complete) last[message.length - tailStart] = 0x80
  const subkey = complete ? k1 : k2
  for (let i = 0; i < 16; i++) last[i] = (last[i] ?? 0) ^ (subkey[i] ?? 0)
  const body = new Uint8Array(blocks * 16)
  body.set(message.subarray(0, tailStart))
  body.set(last, tailStart)
  // CBC with a zero IV leaves the MAC in the final ciphertext block.
  return aesCbcEncrypt(key, body).slice(-16)
}

/** Multiplication by x in GF(2^128) with the CMAC polynomial (Rb = 0x87). */
function doubleInField(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16)
  for (let i = 0; i < 16; i++) {
    out[i] = (((block[i] ?? 0) << 1) | ((block[i + 1] ?? 0) >> 7)) & 0xff
  }
  if ((block[0] ?? 0) & 0x80) out[15] = (out[15] ?? 0) ^ 0x87
  return out
}
