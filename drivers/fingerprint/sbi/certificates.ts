import { generateKeyPairSync, sign, X509Certificate, type KeyObject } from 'node:crypto'
import {
  derBitString,
  derContext,
  derInteger,
  derNull,
  derOid,
  derSequence,
  derSet,
  derTime,
  derUtf8,
} from '../../../lib/asn1/der'

/** A key and its X.509 certificate (DER), e.g. an SBI device's signing identity. */
export interface KeyIdentity {
  privateKey: KeyObject
  certificate: X509Certificate
  certificateDer: Uint8Array
  /** The subject Name as DER, to name this identity as the issuer of another certificate. */
  subjectName: Uint8Array
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11'
const COMMON_NAME = '2.5.4.3'
const ORGANIZATION = '2.5.4.10'

export interface CertificateRequest {
  commonName: string
  organization?: string
  notBefore: Date
  notAfter: Date
  serial: bigint
  /** Who signs: the identity's own key when absent (self-signed). */
  issuer?: KeyIdentity
  /** RSA modulus size; MOSIP requires at least 2048. */
  modulusLength?: number
}

/**
 * Makes an RSA key and an X.509 v3 certificate for it (RS256 signature). The SBI mock builds its
 * device-provider CA and device certificate with this, so no test key is ever checked in.
 */
export function createKeyIdentity(request: CertificateRequest): KeyIdentity {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: request.modulusLength ?? 2048,
  })
  const subject = name(request.commonName, request.organization)
  const issuerName = request.issuer?.subjectName ?? subject
  const algorithm = derSequence(derOid(SHA256_WITH_RSA), derNull())
  const tbs = derSequence(
    derContext(0, derInteger(2)),
    derInteger(request.serial),
    algorithm,
    issuerName,
    derSequence(derTime(request.notBefore), derTime(request.notAfter)),
    subject,
    new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
  )
  const signer = request.issuer?.privateKey ?? privateKey
  const signature = sign('sha256', tbs, signer)
  const certificateDer = derSequence(tbs, algorithm, derBitString(new Uint8Array(signature)))
  return {
    privateKey,
    certificate: new X509Certificate(certificateDer),
    certificateDer,
    subjectName: subject,
  }
}

function name(commonName: string, organization?: string): Uint8Array {
  const rdn = (oid: string, value: string) => derSet(derSequence(derOid(oid), derUtf8(value)))
  return derSequence(
    ...(organization ? [rdn(ORGANIZATION, organization)] : []),
    rdn(COMMON_NAME, commonName),
  )
}
