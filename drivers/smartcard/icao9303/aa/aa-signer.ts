import {
  generateKeyPairSync,
  randomBytes as nodeRandomBytes,
  sign,
  type KeyObject,
} from 'node:crypto'
import { ecOrderBytes, hashForOrderBytes } from '../../pki/curves'
import type { HashName } from '../../pki/hashes'
import { signIso9796Scheme1 } from './iso9796-2'

/** The chip side of Active Authentication, for the simulated CCCD chip. */

export interface ActiveAuthenticationSigningOptions {
  /** RSA default SHA-1 (trailer BC, what most chips do); ECDSA default by curve size. */
  hash?: HashName
  /** ECDSA: plain r‖s as ICAO/TR-03111 ask (default), or DER as some national IDs send. */
  ecdsaEncoding?: 'plain' | 'der'
  /** Source of the RSA nonce M1; default crypto.randomBytes. */
  randomBytes?: (n: number) => Uint8Array
}

/** Answers INTERNAL AUTHENTICATE: signs the terminal's challenge with the AA private key. */
export function signActiveAuthenticationChallenge(
  privateKey: KeyObject,
  challenge: Uint8Array,
  options: ActiveAuthenticationSigningOptions = {},
): Uint8Array {
  if (privateKey.asymmetricKeyType === 'rsa') {
    const random = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)))
    return signIso9796Scheme1(privateKey, challenge, options.hash ?? 'sha1', random)
  }
  if (privateKey.asymmetricKeyType === 'ec') {
    const orderBytes = ecOrderBytes(privateKey)
    if (!orderBytes) throw new RangeError('unsupported curve for Active Authentication')
    const hash = options.hash ?? hashForOrderBytes(orderBytes)
    const dsaEncoding = options.ecdsaEncoding === 'der' ? 'der' : 'ieee-p1363'
    return new Uint8Array(sign(hash, challenge, { key: privateKey, dsaEncoding }))
  }
  throw new RangeError(`cannot do Active Authentication with a ${privateKey.asymmetricKeyType} key`)
}

export type ActiveAuthenticationKeySpec =
  | { type: 'rsa'; modulusBits: 1024 | 1536 | 2048 | 3072 }
  | { type: 'ec'; curve: 'prime256v1' | 'brainpoolP256r1' | 'secp384r1' | 'brainpoolP384r1' }

/** A fresh AA key pair; `subjectPublicKeyInfo` is the DER that DG15 (tag 6F) wraps. */
export function generateActiveAuthenticationKey(spec: ActiveAuthenticationKeySpec): {
  privateKey: KeyObject
  publicKey: KeyObject
  subjectPublicKeyInfo: Uint8Array
} {
  const pair =
    spec.type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: spec.modulusBits })
      : generateKeyPairSync('ec', { namedCurve: spec.curve })
  return {
    ...pair,
    subjectPublicKeyInfo: new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' })),
  }
}
