import { constants, privateEncrypt, publicDecrypt, type KeyObject } from 'node:crypto'
import { bytesEqual, concat, hex } from '../../../../lib/bytes'
import { digest, hashLength, type HashName } from '../../pki/hashes'

/**
 * ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery, as ICAO 9303-11 Active
 * Authentication uses it: F = 6A ‖ M1 ‖ H(M1 ‖ M2) ‖ trailer, signature = F^d mod n, where M2 is the
 * terminal's challenge (not recoverable) and M1 is the chip's own nonce filling the rest of F.
 */

/** Hash identifiers of ISO/IEC 10118-3 used in the two-byte trailer `id CC`. */
const HASH_IDS: Record<HashName, number> = {
  sha1: 0x33,
  sha256: 0x34,
  sha512: 0x35,
  sha384: 0x36,
  sha224: 0x38,
}

const HEADER = 0x6a
const TRAILER_SHA1 = 0xbc
const TRAILER_EXPLICIT = 0xcc

/** SHA-1 uses the implicit one-byte trailer BC; other hashes name themselves in `id CC`. */
function trailerFor(hash: HashName): Uint8Array {
  return hash === 'sha1'
    ? Uint8Array.of(TRAILER_SHA1)
    : Uint8Array.of(HASH_IDS[hash], TRAILER_EXPLICIT)
}

/** Card side. The modulus must be a whole number of bytes so that F (top bits 01) stays below n. */
export function signIso9796Scheme1(
  privateKey: KeyObject,
  message2: Uint8Array,
  hash: HashName,
  randomBytes: (n: number) => Uint8Array,
): Uint8Array {
  const bits = privateKey.asymmetricKeyDetails?.modulusLength
  if (privateKey.asymmetricKeyType !== 'rsa' || !bits)
    throw new RangeError('not an RSA private key')
  if (bits % 8 !== 0) throw new RangeError(`modulus of ${bits} bits is not a whole number of bytes`)
  const k = bits / 8
  const trailer = trailerFor(hash)
  const m1Length = k - 1 - hashLength(hash) - trailer.length
  if (m1Length < 0) throw new RangeError(`modulus of ${bits} bits is too short for ${hash}`)
  const m1 = randomBytes(m1Length).subarray(0, m1Length)
  if (m1.length !== m1Length) throw new RangeError('randomBytes returned too few bytes')
  const f = concat(Uint8Array.of(HEADER), m1, digest(hash, m1, message2), trailer)
  return new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, f))
}

export type Iso9796Verification =
  { ok: true; hash: HashName; recovered: Uint8Array } | { ok: false; reason: string }

/** Terminal side: recovers F with the public key and checks it against `message2`. */
export function verifyIso9796Scheme1(
  publicKey: KeyObject,
  signature: Uint8Array,
  message2: Uint8Array,
): Iso9796Verification {
  const bits = publicKey.asymmetricKeyDetails?.modulusLength
  if (publicKey.asymmetricKeyType !== 'rsa' || !bits) return { ok: false, reason: 'not an RSA key' }
  const k = Math.ceil(bits / 8)
  if (signature.length !== k) {
    return { ok: false, reason: `signature of ${signature.length} bytes for a ${bits}-bit key` }
  }
  let opened: Uint8Array
  try {
    opened = new Uint8Array(
      publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature),
    )
  } catch (error) {
    return { ok: false, reason: `RSA operation refused (${(error as Error).message})` }
  }
  let start = 0
  while (start < opened.length && opened[start] === 0) start++
  const f = opened.subarray(start)
  if (f[0] !== HEADER) {
    return { ok: false, reason: `recovered message starts with ${hex(f.subarray(0, 1))}, not 6A` }
  }
  const last = f[f.length - 1]
  let hash: HashName | undefined
  let trailerLength = 1
  if (last === TRAILER_SHA1) hash = 'sha1'
  else if (last === TRAILER_EXPLICIT) {
    trailerLength = 2
    const id = f[f.length - 2]
    hash = (Object.keys(HASH_IDS) as HashName[]).find((h) => HASH_IDS[h] === id)
    if (!hash) return { ok: false, reason: `unknown hash identifier ${hex(f.subarray(-2, -1))}` }
  } else {
    return { ok: false, reason: `unknown trailer ${hex(f.subarray(-1))}` }
  }
  const digestStart = f.length - trailerLength - hashLength(hash)
  if (digestStart < 1) return { ok: false, reason: 'recovered message too short' }
  const m1 = f.subarray(1, digestStart)
  const d = f.subarray(digestStart, f.length - trailerLength)
  if (!bytesEqual(digest(hash, m1, message2), d)) {
    return { ok: false, reason: `${hash} of M1 ‖ challenge does not match the recovered digest` }
  }
  return { ok: true, hash, recovered: m1 }
}
