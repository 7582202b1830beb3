import { createPublicKey, type KeyObject } from 'node:crypto'
import { readTlv, tlv } from '../../../../lib/asn1/tlv'
import { DER } from '../../../../lib/asn1/der'
import { ParseError } from '../../../../lib/parse-error'
import { unwrapLdsFile } from './files'

/** DG15 (ICAO 9303-10 §4.7.15): 6F { SubjectPublicKeyInfo } of the Active Authentication key. */
export interface Dg15 {
  /** DER SubjectPublicKeyInfo as stored. */
  subjectPublicKeyInfo: Uint8Array
  publicKey: KeyObject
}

export function parseDg15(bytes: Uint8Array): Dg15 {
  const outer = unwrapLdsFile('DG15', bytes)
  const spki = readTlv(outer.value)
  if (spki.tag !== DER.SEQUENCE)
    throw new ParseError('dg15', 'content is not a SubjectPublicKeyInfo')
  const der = outer.value.subarray(0, spki.size)
  let publicKey: KeyObject
  try {
    publicKey = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' })
  } catch {
    throw new ParseError('dg15', 'SubjectPublicKeyInfo is not a usable public key')
  }
  return { subjectPublicKeyInfo: der, publicKey }
}

/** DG15 from a public key (its SPKI DER is written) or from SPKI DER bytes. */
export function buildDg15(key: KeyObject | Uint8Array): Uint8Array {
  const der = key instanceof Uint8Array ? key : key.export({ format: 'der', type: 'spki' })
  return tlv(0x6f, der)
}
