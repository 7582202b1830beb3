import { createHash, createPublicKey, type KeyObject } from 'node:crypto'
import { bytesEqual, hex } from '../../../lib/bytes'
import {
  DER,
  decodeBitString,
  decodeBoolean,
  decodeOid,
  decodeSmallInteger,
  decodeTime,
  expectTag,
  rawChild,
} from '../../../lib/asn1/der'
import { children, readTlv, readTlvList, type Tlv } from '../../../lib/asn1/tlv'
import { ParseError } from '../../../lib/parse-error'
import { parseName, type ParsedName } from './name'
import { OID } from './oids'
import { parseAlgorithmIdentifier, type AlgorithmIdentifier } from './signature-algorithms'

export const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const
export type KeyUsage = (typeof KEY_USAGES)[number]

export interface CertificateExtensions {
  basicConstraints?: { ca: boolean; pathLength?: number }
  keyUsage?: KeyUsage[]
  subjectKeyIdentifier?: Uint8Array
  authorityKeyIdentifier?: Uint8Array
  /** Critical extensions this code does not understand; RFC 5280 says to reject such a certificate. */
  unhandledCritical: string[]
}

/** An X.509 certificate, parsed by our own DER walker (so hostile input meets only ParseError). */
export interface Certificate {
  der: Uint8Array
  /** The exact bytes of tbsCertificate, which the issuer signed. */
  tbs: Uint8Array
  version: number
  /** Serial number as uppercase hex of the INTEGER's bytes. */
  serialNumber: string
  signatureAlgorithm: AlgorithmIdentifier
  signature: Uint8Array
  issuer: ParsedName
  subject: ParsedName
  notBefore: Date
  notAfter: Date
  subjectPublicKeyInfo: Uint8Array
  extensions: CertificateExtensions
}

/** What a person needs to recognise a certificate. */
export interface CertificateSummary {
  subject: string
  issuer: string
  serial: string
  notBefore: Date
  notAfter: Date
}

/** Extensions whose meaning does not change our checks; being critical is not a reason to reject. */
const KNOWN_EXTENSIONS = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.privateKeyUsagePeriod,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.crlDistributionPoints,
  OID.certificatePolicies,
  OID.extKeyUsage,
  OID.icaoNameChange,
  OID.icaoDocumentTypeList,
])

/** Parses one DER certificate filling `der` exactly. Throws ParseError('x509', …) on anything wrong. */
export function parseCertificate(der: Uint8Array): Certificate {
  const outer = readTlv(der)
  if (outer.size !== der.length) throw new ParseError('x509', 'trailing bytes after certificate')
  if (outer.tag !== DER.SEQUENCE) throw new ParseError('x509', 'Certificate is not a SEQUENCE')
  const [tbsNode, algNode, sigNode, extra] = children(outer)
  if (!tbsNode || !algNode || !sigNode || extra)
    throw new ParseError('x509', 'malformed Certificate')
  if (tbsNode.tag !== DER.SEQUENCE) throw new ParseError('x509', 'tbsCertificate is not a SEQUENCE')
  const signatureAlgorithm = parseAlgorithmIdentifier(algNode)
  const signature = decodeBitString(sigNode)
  if (signature.unusedBits !== 0) throw new ParseError('x509', 'signature has unused bits')

  const fields = children(tbsNode)
  let i = 0
  let version = 1
  if (fields[0]?.tag === 0xa0) {
    const [v] = children(fields[0])
    if (!v) throw new ParseError('x509', 'empty version')
    version = decodeSmallInteger(v) + 1
    i++
  }
  if (version < 1 || version > 3) throw new ParseError('x509', `version ${version}`)
  const at = (what: string): Tlv => {
    const node = fields[i++]
    if (!node) throw new ParseError('x509', `missing ${what}`)
    return node
  }
  const serialNode = expectTag(at('serialNumber'), DER.INTEGER, 'x509')
  if (serialNode.value.length === 0) throw new ParseError('x509', 'empty serial number')
  const innerAlg = at('signature')
  if (!bytesEqual(rawChild(tbsNode, innerAlg), rawChild(outer, algNode))) {
    throw new ParseError('x509', 'signature algorithm differs inside and outside tbsCertificate')
  }
  const issuerNode = at('issuer')
  const issuer = parseName(issuerNode, rawChild(tbsNode, issuerNode))
  const validity = expectTag(at('validity'), DER.SEQUENCE, 'x509')
  const [nb, na, more] = children(validity)
  if (!nb || !na || more) throw new ParseError('x509', 'malformed validity')
  const subjectNode = at('subject')
  const subject = parseName(subjectNode, rawChild(tbsNode, subjectNode))
  const spkiNode = expectTag(at('subjectPublicKeyInfo'), DER.SEQUENCE, 'x509')

  let extensions: CertificateExtensions = { unhandledCritical: [] }
  for (const rest of fields.slice(i)) {
    if (rest.tag === 0x81 || rest.tag === 0x82) continue // issuer/subject unique IDs
    if (rest.tag === 0xa3 && version === 3) {
      const [list, tail] = children(rest)
      if (!list || tail) throw new ParseError('x509', 'malformed extensions')
      extensions = parseExtensions(expectTag(list, DER.SEQUENCE, 'x509'))
      continue
    }
    throw new ParseError('x509', `unexpected field ${rest.tag.toString(16)} in tbsCertificate`)
  }

  return {
    der,
    tbs: rawChild(outer, tbsNode),
    version,
    serialNumber: hex(stripSignByte(serialNode.value)),
    signatureAlgorithm,
    signature: signature.bytes,
    issuer,
    subject,
    notBefore: decodeTime(nb),
    notAfter: decodeTime(na),
    subjectPublicKeyInfo: rawChild(tbsNode, spkiNode),
    extensions,
  }
}

function parseExtensions(list: Tlv): CertificateExtensions {
  const out: CertificateExtensions = { unhandledCritical: [] }
  const seen = new Set<string>()
  for (const ext of children(list)) {
    if (ext.tag !== DER.SEQUENCE) throw new ParseError('x509', 'Extension is not a SEQUENCE')
    const parts = children(ext)
    const [oidNode, second, third, extra] = parts
    if (!oidNode || !second || extra) throw new ParseError('x509', 'malformed Extension')
    const oid = decodeOid(oidNode)
    if (seen.has(oid)) throw new ParseError('x509', `extension ${oid} appears twice`)
    seen.add(oid)
    const critical = third ? decodeBoolean(second) : false
    const valueNode = expectTag(third ?? second, DER.OCTET_STRING, 'x509')
    if (critical && !KNOWN_EXTENSIONS.has(oid)) out.unhandledCritical.push(oid)
    const value = () => readWhole(valueNode.value)
    switch (oid) {
      case OID.basicConstraints: {
        const seq = expectTag(value(), DER.SEQUENCE, 'x509')
        let ca = false
        let pathLength: number | undefined
        for (const item of children(seq)) {
          if (item.tag === DER.BOOLEAN) ca = decodeBoolean(item)
          else if (item.tag === DER.INTEGER) pathLength = decodeSmallInteger(item)
          else throw new ParseError('x509', 'malformed basicConstraints')
        }
        out.basicConstraints = pathLength === undefined ? { ca } : { ca, pathLength }
        break
      }
      case OID.keyUsage: {
        const { bytes } = decodeBitString(value())
        out.keyUsage = KEY_USAGES.filter(
          (_, bit) => ((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1,
        )
        break
      }
      case OID.subjectKeyIdentifier:
        out.subjectKeyIdentifier = expectTag(value(), DER.OCTET_STRING, 'x509').value
        break
      case OID.authorityKeyIdentifier: {
        const seq = expectTag(value(), DER.SEQUENCE, 'x509')
        const keyId = children(seq).find((c) => c.tag === 0x80)
        if (keyId) out.authorityKeyIdentifier = keyId.value
        break
      }
    }
  }
  return out
}

const publicKeys = new WeakMap<Certificate, KeyObject>()

/** The certificate's public key as a Node KeyObject; ParseError if Node cannot read it. */
export function certificatePublicKey(cert: Certificate): KeyObject {
  const cached = publicKeys.get(cert)
  if (cached) return cached
  let key: KeyObject
  try {
    key = createPublicKey({
      key: Buffer.from(cert.subjectPublicKeyInfo),
      format: 'der',
      type: 'spki',
    })
  } catch (error) {
    throw new ParseError('x509', `unreadable public key (${(error as Error).message})`)
  }
  publicKeys.set(cert, key)
  return key
}

export function summarizeCertificate(cert: Certificate): CertificateSummary {
  return {
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    serial: cert.serialNumber,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  }
}

/** SHA-256 of the DER, uppercase hex: how two copies of one certificate are recognised. */
export function certificateFingerprint(cert: Certificate): string {
  return createHash('sha256').update(cert.der).digest('hex').toUpperCase()
}

function readWhole(bytes: Uint8Array): Tlv {
  const list = readTlvList(bytes)
  const [only, extra] = list
  if (!only || extra) throw new ParseError('x509', 'extension value is not one DER value')
  return only
}

function stripSignByte(bytes: Uint8Array): Uint8Array {
  return bytes.length > 1 && bytes[0] === 0 ? bytes.subarray(1) : bytes
}
