import {
  DER,
  decodeOid,
  decodeSmallInteger,
  decodeTime,
  expectTag,
  rawChild,
} from '../../../lib/asn1/der'
import { children, readTlv, type Tlv } from '../../../lib/asn1/tlv'
import { concat, hex } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { parseName, type ParsedName } from './name'
import { OID } from './oids'
import { parseAlgorithmIdentifier, type AlgorithmIdentifier } from './signature-algorithms'

/** How a SignerInfo names its certificate (RFC 5652 SignerIdentifier). */
export type SignerIdentifier =
  | { kind: 'issuerAndSerialNumber'; issuer: ParsedName; serialNumber: string }
  | { kind: 'subjectKeyIdentifier'; keyIdentifier: Uint8Array }

export interface SignedAttributes {
  /** The attributes re-tagged from [0] (A0) to SET (31): the bytes the signature covers. */
  der: Uint8Array
  contentType?: string
  messageDigest?: Uint8Array
  signingTime?: Date
}

export interface SignerInfo {
  version: number
  sid: SignerIdentifier
  digestAlgorithm: AlgorithmIdentifier
  signedAttributes?: SignedAttributes
  signatureAlgorithm: AlgorithmIdentifier
  signature: Uint8Array
}

/** A CMS SignedData (RFC 5652) with encapsulated content, as EF.SOD and master lists carry it. */
export interface SignedData {
  version: number
  contentType: string
  /** The eContent octets; absent for detached signatures. */
  content?: Uint8Array
  /** DER of each certificate in `certificates` (other certificate choices are skipped). */
  certificates: Uint8Array[]
  signerInfos: SignerInfo[]
}

/** Parses ContentInfo { id-signedData, [0] SignedData } filling `bytes` exactly. ParseError('cms'). */
export function parseSignedDataContentInfo(bytes: Uint8Array): SignedData {
  const contentInfo = readTlv(bytes)
  if (contentInfo.size !== bytes.length)
    throw new ParseError('cms', 'trailing bytes after ContentInfo')
  if (contentInfo.tag !== DER.SEQUENCE) throw new ParseError('cms', 'ContentInfo is not a SEQUENCE')
  const [typeNode, explicit, extra] = children(contentInfo)
  if (!typeNode || !explicit || extra) throw new ParseError('cms', 'malformed ContentInfo')
  const type = decodeOid(typeNode)
  if (type !== OID.signedData) throw new ParseError('cms', `content type ${type} is not signedData`)
  expectTag(explicit, 0xa0, 'cms')
  const [signedData, more] = children(explicit)
  if (!signedData || more) throw new ParseError('cms', 'malformed ContentInfo content')
  return parseSignedData(expectTag(signedData, DER.SEQUENCE, 'cms'))
}

function parseSignedData(node: Tlv): SignedData {
  const fields = children(node)
  const [versionNode, digestAlgs, encap] = fields
  if (!versionNode || !digestAlgs || !encap) throw new ParseError('cms', 'SignedData too short')
  const version = decodeSmallInteger(versionNode)
  expectTag(digestAlgs, DER.SET, 'cms')
  const { contentType, content } = parseEncapsulatedContent(expectTag(encap, DER.SEQUENCE, 'cms'))
  let certificates: Uint8Array[] = []
  let signerInfos: SignerInfo[] | undefined
  for (const field of fields.slice(3)) {
    if (field.tag === 0xa0 && !signerInfos) {
      certificates = children(field)
        .filter((c) => c.tag === DER.SEQUENCE)
        .map((c) => rawChild(field, c))
    } else if (field.tag === 0xa1 && !signerInfos) {
      continue // CRLs: not used by PA here
    } else if (field.tag === DER.SET && !signerInfos) {
      signerInfos = children(field).map(parseSignerInfo)
    } else {
      throw new ParseError('cms', `unexpected field ${field.tag.toString(16)} in SignedData`)
    }
  }
  if (!signerInfos) throw new ParseError('cms', 'SignedData has no signerInfos')
  return content
    ? { version, contentType, content, certificates, signerInfos }
    : { version, contentType, certificates, signerInfos }
}

function parseEncapsulatedContent(node: Tlv): { contentType: string; content?: Uint8Array } {
  const [typeNode, explicit, extra] = children(node)
  if (!typeNode || extra) throw new ParseError('cms', 'malformed EncapsulatedContentInfo')
  const contentType = decodeOid(typeNode)
  if (!explicit) return { contentType }
  expectTag(explicit, 0xa0, 'cms')
  const [octets, more] = children(explicit)
  if (!octets || more) throw new ParseError('cms', 'malformed eContent')
  return { contentType, content: octetStringValue(octets) }
}

/** OCTET STRING contents; BER's constructed form (0x24) is joined from its primitive parts. */
function octetStringValue(node: Tlv): Uint8Array {
  if (node.tag === DER.OCTET_STRING) return node.value
  if (node.tag === 0x24) return concat(...children(node).map(octetStringValue))
  throw new ParseError('cms', `eContent tag ${node.tag.toString(16)} is not an OCTET STRING`)
}

function parseSignerInfo(node: Tlv): SignerInfo {
  expectTag(node, DER.SEQUENCE, 'cms')
  const fields = children(node)
  let i = 0
  const next = (what: string): Tlv => {
    const f = fields[i++]
    if (!f) throw new ParseError('cms', `SignerInfo lacks ${what}`)
    return f
  }
  const version = decodeSmallInteger(next('version'))
  const sid = parseSignerIdentifier(next('sid'))
  const digestAlgorithm = parseAlgorithmIdentifier(next('digestAlgorithm'))
  let field = next('signatureAlgorithm')
  let signedAttributes: SignedAttributes | undefined
  if (field.tag === 0xa0) {
    signedAttributes = parseSignedAttributes(field, rawChild(node, field))
    field = next('signatureAlgorithm')
  }
  const signatureAlgorithm = parseAlgorithmIdentifier(field)
  const signature = expectTag(next('signature'), DER.OCTET_STRING, 'cms').value
  const rest = fields.slice(i)
  if (rest.length > 1 || (rest[0] && rest[0].tag !== 0xa1)) {
    throw new ParseError('cms', 'unexpected fields after the SignerInfo signature')
  }
  const info: SignerInfo = { version, sid, digestAlgorithm, signatureAlgorithm, signature }
  if (signedAttributes) info.signedAttributes = signedAttributes
  return info
}

function parseSignerIdentifier(node: Tlv): SignerIdentifier {
  if (node.tag === 0x80) return { kind: 'subjectKeyIdentifier', keyIdentifier: node.value }
  if (node.tag !== DER.SEQUENCE) throw new ParseError('cms', 'unknown SignerIdentifier')
  const [issuerNode, serialNode, extra] = children(node)
  if (!issuerNode || !serialNode || extra)
    throw new ParseError('cms', 'malformed IssuerAndSerialNumber')
  expectTag(serialNode, DER.INTEGER, 'cms')
  if (serialNode.value.length === 0) throw new ParseError('cms', 'empty serial number')
  const serial = serialNode.value
  return {
    kind: 'issuerAndSerialNumber',
    issuer: parseName(issuerNode, rawChild(node, issuerNode)),
    serialNumber: hex(serial.length > 1 && serial[0] === 0 ? serial.subarray(1) : serial),
  }
}

function parseSignedAttributes(node: Tlv, raw: Uint8Array): SignedAttributes {
  // The signature covers the attributes with the SET tag, and otherwise the very same bytes.
  const der = Uint8Array.from(raw)
  der[0] = DER.SET
  const out: SignedAttributes = { der }
  const seen = new Set<string>()
  for (const attribute of children(node)) {
    expectTag(attribute, DER.SEQUENCE, 'cms')
    const [typeNode, valuesNode, extra] = children(attribute)
    if (!typeNode || !valuesNode || extra) throw new ParseError('cms', 'malformed Attribute')
    const type = decodeOid(typeNode)
    if (seen.has(type)) throw new ParseError('cms', `signed attribute ${type} appears twice`)
    seen.add(type)
    const values = children(expectTag(valuesNode, DER.SET, 'cms'))
    const only = (): Tlv => {
      const [value, more] = values
      if (!value || more) throw new ParseError('cms', `attribute ${type} must have one value`)
      return value
    }
    if (type === OID.contentType) out.contentType = decodeOid(only())
    else if (type === OID.messageDigest)
      out.messageDigest = expectTag(only(), DER.OCTET_STRING, 'cms').value
    else if (type === OID.signingTime) out.signingTime = decodeTime(only())
  }
  return out
}
