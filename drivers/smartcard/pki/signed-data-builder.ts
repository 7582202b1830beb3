import type { KeyObject } from 'node:crypto'
import {
  derContext,
  derInteger,
  derIntegerFromBytes,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derTime,
} from '../../../lib/asn1/der'
import { fromHex } from '../../../lib/bytes'
import { parseCertificate } from './certificate'
import { subjectKeyIdentifierOf } from './certificate-builder'
import { digest, type HashName } from './hashes'
import { OID } from './oids'
import {
  encodeDigestAlgorithm,
  signatureAlgorithmFor,
  signWithKey,
  type SigningOptions,
} from './signature-algorithms'

export interface CmsSigner {
  certificateDer: Uint8Array
  privateKey: KeyObject
  /** Signature hash and RSA padding; by default SHA-256 (or the curve's size) and PKCS#1 v1.5. */
  signing?: SigningOptions
}

export interface SignedDataSpec {
  contentType: string
  content: Uint8Array
  signer: CmsSigner
  /** SignerInfo digestAlgorithm (messageDigest); defaults to the signature's hash. */
  digestAlgorithm?: HashName
  signingTime?: Date
  signerIdentifier?: 'issuerAndSerialNumber' | 'subjectKeyIdentifier'
  /** Certificates to embed; defaults to the signer's own. */
  certificates?: readonly Uint8Array[]
}

/** Builds ContentInfo { signedData } with one signer and signed attributes (what ICAO requires). */
export function buildSignedData(spec: SignedDataSpec): Uint8Array {
  const hash =
    spec.digestAlgorithm ??
    signatureAlgorithmFor(spec.signer.privateKey, spec.signer.signing).scheme.hash
  const signedAttributes = encodeSignedAttributes({
    contentType: spec.contentType,
    messageDigest: digest(hash, spec.content),
    ...(spec.signingTime ? { signingTime: spec.signingTime } : {}),
  })
  const signerInfo = buildSignerInfo({
    signer: spec.signer,
    digestAlgorithm: hash,
    signedAttributes,
    signerIdentifier: spec.signerIdentifier ?? 'issuerAndSerialNumber',
  })
  return assembleSignedData({
    contentType: spec.contentType,
    content: spec.content,
    digestAlgorithms: [hash],
    certificates: spec.certificates ?? [spec.signer.certificateDer],
    signerInfos: [signerInfo],
  })
}

/** The signed attributes as a DER SET (tag 31): what the signature covers. */
export function encodeSignedAttributes(attributes: {
  contentType: string
  messageDigest: Uint8Array
  signingTime?: Date
}): Uint8Array {
  const attribute = (oid: string, value: Uint8Array) => derSequence(derOid(oid), derSet(value))
  return derSet(
    attribute(OID.contentType, derOid(attributes.contentType)),
    attribute(OID.messageDigest, derOctetString(attributes.messageDigest)),
    ...(attributes.signingTime
      ? [attribute(OID.signingTime, derTime(attributes.signingTime))]
      : []),
  )
}

/** Signs `signedAttributes` (a DER SET) and wraps the result as a SignerInfo. */
export function buildSignerInfo(options: {
  signer: CmsSigner
  digestAlgorithm: HashName
  signedAttributes: Uint8Array
  signerIdentifier: 'issuerAndSerialNumber' | 'subjectKeyIdentifier'
}): Uint8Array {
  const { signer, signedAttributes } = options
  const cert = parseCertificate(signer.certificateDer)
  const bySki = options.signerIdentifier === 'subjectKeyIdentifier'
  const sid = bySki
    ? derContext(
        0,
        cert.extensions.subjectKeyIdentifier ?? subjectKeyIdentifierOf(cert.subjectPublicKeyInfo),
        true,
      )
    : derSequence(cert.issuer.der, derIntegerFromBytes(fromHex(cert.serialNumber)))
  const { algorithm, signature } = signWithKey(signer.privateKey, signedAttributes, signer.signing)
  const implicitAttributes = Uint8Array.from(signedAttributes)
  implicitAttributes[0] = 0xa0 // [0] IMPLICIT SET OF Attribute
  return derSequence(
    derInteger(bySki ? 3 : 1),
    sid,
    encodeDigestAlgorithm(options.digestAlgorithm),
    implicitAttributes,
    algorithm,
    derOctetString(signature),
  )
}

/** SignedData v3 (eContentType is not id-data) in its ContentInfo. */
export function assembleSignedData(parts: {
  contentType: string
  content: Uint8Array
  digestAlgorithms: readonly HashName[]
  certificates: readonly Uint8Array[]
  signerInfos: readonly Uint8Array[]
}): Uint8Array {
  const signedData = derSequence(
    derInteger(3),
    derSet(...[...new Set(parts.digestAlgorithms)].map(encodeDigestAlgorithm)),
    derSequence(derOid(parts.contentType), derContext(0, derOctetString(parts.content))),
    ...(parts.certificates.length ? [tlvSetImplicit0(parts.certificates)] : []),
    derSet(...parts.signerInfos),
  )
  return derSequence(derOid(OID.signedData), derContext(0, signedData))
}

/** certificates [0] IMPLICIT SET OF: DER-sorted like any SET OF. */
function tlvSetImplicit0(certificates: readonly Uint8Array[]): Uint8Array {
  const set = derSet(...certificates)
  const out = Uint8Array.from(set)
  out[0] = 0xa0
  return out
}
