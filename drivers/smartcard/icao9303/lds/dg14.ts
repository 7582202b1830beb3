import { readTlv, tlv } from '../../../../lib/asn1/tlv'
import { DER } from '../../../../lib/asn1/der'
import { ParseError } from '../../../../lib/parse-error'
import { unwrapLdsFile } from './files'

/**
 * DG14 (ICAO 9303-10 §4.7.14): 6E { SecurityInfos }, the SET OF SecurityInfo announcing Chip
 * Authentication (and the AA signature algorithm). This only unwraps it; the SecurityInfos
 * parser interprets the content.
 */
export interface Dg14 {
  /** DER of the SET OF SecurityInfo (starts with 31). */
  securityInfos: Uint8Array
}

export function parseDg14(bytes: Uint8Array): Dg14 {
  const outer = unwrapLdsFile('DG14', bytes)
  const set = readTlv(outer.value)
  if (set.tag !== DER.SET) throw new ParseError('dg14', 'content is not a SET OF SecurityInfo')
  return { securityInfos: outer.value.subarray(0, set.size) }
}

export function buildDg14(securityInfos: Uint8Array): Uint8Array {
  return tlv(0x6e, securityInfos)
}
