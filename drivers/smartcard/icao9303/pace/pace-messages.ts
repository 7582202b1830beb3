import { readTlv, readTlvList, tlv } from '../../../../lib/asn1/tlv'
import { encodeOidBody } from '../../../../lib/asn1/der'
import { ParseError } from '../../../../lib/parse-error'
import { mac8, type IcaoCipher } from '../crypto/cipher'
import { pad } from '../crypto/padding'

/** The dynamic authentication data of GENERAL AUTHENTICATE: 7C { tag value } (or 7C 00). */
export function dynamicAuthData(tag?: number, value?: Uint8Array): Uint8Array {
  return tag === undefined
    ? Uint8Array.of(0x7c, 0x00)
    : tlv(0x7c, tlv(tag, value ?? new Uint8Array(0)))
}

/** The value of `tag` inside a 7C template; ParseError when the template or the tag is missing. */
export function readDynamicAuthData(data: Uint8Array, tag: number): Uint8Array {
  const outer = readTlv(data)
  if (outer.tag !== 0x7c || outer.size !== data.length) {
    throw new ParseError('pace', 'expected one 7C dynamic authentication data object')
  }
  const found = readTlvList(outer.value).find((t) => t.tag === tag)
  if (!found) throw new ParseError('pace', `7C holds no tag ${tag.toString(16).toUpperCase()}`)
  return found.value
}

/** Whether a 7C template is empty (the chip's answer to CA's GENERAL AUTHENTICATE). */
export function isEmptyDynamicAuthData(data: Uint8Array): boolean {
  return data.length === 2 && data[0] === 0x7c && data[1] === 0x00
}

/**
 * The PACE authentication token (ICAO 9303-11 §4.4.3.4): MAC(KS_mac, 7F49 { 06 OID, 86 point }) over
 * the other party's ephemeral public key; retail MAC on padded input (3DES) or AES-CMAC, 8 bytes.
 */
export function authenticationToken(
  cipher: IcaoCipher,
  macKey: Uint8Array,
  protocolOid: string,
  encodedPoint: Uint8Array,
): Uint8Array {
  const input = tlv(0x7f49, tlv(0x06, encodeOidBody(protocolOid)), tlv(0x86, encodedPoint))
  return mac8(cipher, macKey, cipher === '3DES' ? pad(input, 8) : input)
}
