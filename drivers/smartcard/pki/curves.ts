import type { KeyObject } from 'node:crypto'
import type { HashName } from './hashes'

/** Byte length of the group order of the curves eMRTD keys use, by OpenSSL's curve name. */
const ORDER_BYTES: Record<string, number> = {
  brainpoolP160r1: 20,
  prime192v1: 24,
  brainpoolP192r1: 24,
  secp224r1: 28,
  brainpoolP224r1: 28,
  prime256v1: 32,
  brainpoolP256r1: 32,
  brainpoolP320r1: 40,
  secp384r1: 48,
  brainpoolP384r1: 48,
  brainpoolP512r1: 64,
  secp521r1: 66,
}

/** Byte length of r (and of s) for an EC key, or undefined for a curve we do not know. */
export function ecOrderBytes(key: KeyObject): number | undefined {
  const curve = key.asymmetricKeyDetails?.namedCurve
  return curve === undefined ? undefined : ORDER_BYTES[curve]
}

/** The hash matched to the key size, as TR-03111 and eMRTD readers choose it for plain ECDSA. */
export function hashForOrderBytes(orderBytes: number): HashName {
  if (orderBytes <= 20) return 'sha1'
  if (orderBytes <= 28) return 'sha224'
  if (orderBytes <= 32) return 'sha256'
  if (orderBytes <= 48) return 'sha384'
  return 'sha512'
}
