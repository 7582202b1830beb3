import { createHash, type KeyObject } from 'node:crypto'
import {
  decodeBitString,
  derBitString,
  derBoolean,
  derContext,
  derInteger,
  derIntegerFromBytes,
  derOctetString,
  derOid,
  derSequence,
  derTime,
} from '../../../lib/asn1/der'
import { children, readTlv } from '../../../lib/asn1/tlv'
import { KEY_USAGES, type KeyUsage } from './certificate'
import { encodeName, type NameAttribute } from './name'
import { OID } from './oids'
import { signatureAlgorithmFor, signWithKey, type SigningOptions } from './signature-algorithms'

export interface ExtensionSpec {
  oid: string
  critical: boolean
  /** DER of the extension value (what goes inside the OCTET STRING). */
  value: Uint8Array
}

export interface CertificateSpec {
  /** Positive serial number, as unsigned big-endian bytes or a bigint. */
  serialNumber: Uint8Array | bigint
  /** The issuer's subject: attributes, or the exact DER copied from the issuer certificate. */
  issuer: readonly NameAttribute[] | Uint8Array
  subject: readonly NameAttribute[]
  notBefore: Date
  notAfter: Date
  publicKey: KeyObject
  /** The issuer's private key (the subject's own for a self-signed certificate). */
  signingKey: KeyObject
  signing?: SigningOptions
  /** Present for a CA certificate: basicConstraints cA=TRUE (critical). */
  ca?: { pathLength?: number }
  keyUsage: readonly KeyUsage[]
  /** Key identifier of the issuer's key; omitted for self-signed unless given. */
  authorityKeyIdentifier?: Uint8Array
  extraExtensions?: readonly ExtensionSpec[]
}

/** Builds and signs an X.509 v3 certificate; returns its DER. */
export function buildCertificate(spec: CertificateSpec): Uint8Array {
  const spki = new Uint8Array(spec.publicKey.export({ format: 'der', type: 'spki' }))
  const extensions: ExtensionSpec[] = []
  if (spec.ca) {
    const pathLength = spec.ca.pathLength
    extensions.push({
      oid: OID.basicConstraints,
      critical: true,
      value: derSequence(
        derBoolean(true),
        ...(pathLength === undefined ? [] : [derInteger(pathLength)]),
      ),
    })
  }
  extensions.push({ oid: OID.keyUsage, critical: true, value: encodeKeyUsage(spec.keyUsage) })
  extensions.push({
    oid: OID.subjectKeyIdentifier,
    critical: false,
    value: derOctetString(subjectKeyIdentifierOf(spki)),
  })
  if (spec.authorityKeyIdentifier) {
    extensions.push({
      oid: OID.authorityKeyIdentifier,
      critical: false,
      value: derSequence(derContext(0, spec.authorityKeyIdentifier, true)),
    })
  }
  extensions.push(...(spec.extraExtensions ?? []))

  const { algorithm } = signatureAlgorithmFor(spec.signingKey, spec.signing)
  const serial =
    typeof spec.serialNumber === 'bigint'
      ? derInteger(spec.serialNumber)
      : derIntegerFromBytes(spec.serialNumber)
  const tbs = derSequence(
    derContext(0, derInteger(2)),
    serial,
    algorithm,
    spec.issuer instanceof Uint8Array ? spec.issuer : encodeName(spec.issuer),
    derSequence(derTime(spec.notBefore), derTime(spec.notAfter)),
    encodeName(spec.subject),
    spki,
    derContext(3, derSequence(...extensions.map(encodeExtension))),
  )
  const signed = signWithKey(spec.signingKey, tbs, spec.signing)
  return derSequence(tbs, signed.algorithm, derBitString(signed.signature))
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
export function subjectKeyIdentifierOf(key: KeyObject | Uint8Array): Uint8Array {
  const spki =
    key instanceof Uint8Array ? key : new Uint8Array(key.export({ format: 'der', type: 'spki' }))
  const [, bits] = children(readTlv(spki))
  if (!bits) throw new RangeError('SubjectPublicKeyInfo without a key')
  return new Uint8Array(createHash('sha1').update(decodeBitString(bits).bytes).digest())
}

/** KeyUsage as a DER named-bit list: trailing zero bits dropped. */
function encodeKeyUsage(usages: readonly KeyUsage[]): Uint8Array {
  const bits = usages.map((u) => KEY_USAGES.indexOf(u))
  const last = Math.max(...bits)
  const bytes = new Uint8Array((last >> 3) + 1)
  for (const bit of bits) bytes[bit >> 3] = (bytes[bit >> 3] ?? 0) | (0x80 >> (bit & 7))
  return derBitString(bytes, 7 - (last & 7))
}

function encodeExtension(ext: ExtensionSpec): Uint8Array {
  return derSequence(
    derOid(ext.oid),
    ...(ext.critical ? [derBoolean(true)] : []),
    derOctetString(ext.value),
  )
}
