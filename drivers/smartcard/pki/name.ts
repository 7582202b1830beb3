import {
  DER,
  decodeOid,
  derOid,
  derPrintable,
  derSequence,
  derSet,
  derUtf8,
} from '../../../lib/asn1/der'
import { children, type Tlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'

/** One attribute of a distinguished name; `type` is a short name (C, O, CN…) or a dotted OID. */
export interface NameAttribute {
  type: string
  value: string
}

export interface ParsedName {
  /** The Name exactly as encoded (SEQUENCE included). */
  der: Uint8Array
  attributes: NameAttribute[]
  /** "C=VN, O=…, CN=…" in encoding order, as eMRTD tools print it. */
  text: string
  /** Case- and space-insensitive form used to match an issuer to a subject. */
  canonical: string
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '1.2.840.113549.1.9.1': 'emailAddress',
}

const OID_BY_SHORT_NAME = Object.fromEntries(
  Object.entries(SHORT_NAMES).map(([oid, short]) => [short, oid]),
)

/** PrintableString where X.520 / ICAO 9303-12 ask for it and the text allows it, else UTF8String. */
const PRINTABLE_TYPES = new Set(['2.5.4.6', '2.5.4.5'])

/** Encodes a Name with one attribute per RDN, in the given order. */
export function encodeName(attributes: readonly NameAttribute[]): Uint8Array {
  return derSequence(
    ...attributes.map(({ type, value }) => {
      const oid = OID_BY_SHORT_NAME[type] ?? type
      const printable = PRINTABLE_TYPES.has(oid) && /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)
      return derSet(derSequence(derOid(oid), printable ? derPrintable(value) : derUtf8(value)))
    }),
  )
}

/** Parses a Name; `raw` is its full TLV bytes (kept for exact comparison). */
export function parseName(node: Tlv, raw: Uint8Array): ParsedName {
  if (node.tag !== DER.SEQUENCE) throw new ParseError('x509', 'Name is not a SEQUENCE')
  const attributes: NameAttribute[] = []
  const canonicalRdns: string[] = []
  for (const rdn of children(node)) {
    if (rdn.tag !== DER.SET) throw new ParseError('x509', 'RDN is not a SET')
    const canonical: string[] = []
    for (const ava of children(rdn)) {
      if (ava.tag !== DER.SEQUENCE) throw new ParseError('x509', 'attribute is not a SEQUENCE')
      const [typeNode, valueNode, extra] = children(ava)
      if (!typeNode || !valueNode || extra) throw new ParseError('x509', 'malformed attribute')
      const oid = decodeOid(typeNode)
      const value = decodeDirectoryString(valueNode)
      attributes.push({ type: SHORT_NAMES[oid] ?? oid, value })
      canonical.push(`${oid}=${value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()}`)
    }
    canonicalRdns.push(canonical.sort().join('+'))
  }
  return {
    der: raw,
    attributes,
    text: attributes.map((a) => `${a.type}=${escapeValue(a.value)}`).join(', '),
    canonical: canonicalRdns.join(','),
  }
}

/** The string types X.509 names use in practice. */
export function decodeDirectoryString(node: Tlv): string {
  const buf = Buffer.from(node.value)
  switch (node.tag) {
    case DER.UTF8_STRING:
      return buf.toString('utf8')
    case DER.PRINTABLE_STRING:
    case DER.IA5_STRING:
    case 0x12: // NumericString
    case 0x14: // TeletexString, read as Latin-1 as most software does
      return buf.toString('latin1')
    case 0x1e: // BMPString, UTF-16BE
      if (buf.length % 2) throw new ParseError('x509', 'odd BMPString')
      return Buffer.from(buf).swap16().toString('utf16le')
    case 0x1c: {
      // UniversalString, UTF-32BE
      if (buf.length % 4) throw new ParseError('x509', 'bad UniversalString')
      let out = ''
      for (let i = 0; i < buf.length; i += 4) {
        const cp = buf.readUInt32BE(i)
        if (cp > 0x10ffff) throw new ParseError('x509', 'bad UniversalString')
        out += String.fromCodePoint(cp)
      }
      return out
    }
    default:
      throw new ParseError('x509', `unsupported string type ${node.tag.toString(16)}`)
  }
}

function escapeValue(value: string): string {
  return value.replace(/[,+="\\<>;]/g, (c) => `\\${c}`)
}
