import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes as nodeRandomBytes,
  type KeyObject,
} from 'node:crypto'
import { ParseError } from '../../../lib/parse-error'
import { parseCertificate, type Certificate } from './certificate'
import { buildCertificate, subjectKeyIdentifierOf } from './certificate-builder'
import type { NameAttribute } from './name'
import { decodePem, encodePem } from './pem'

/**
 * A stand-in PKI for the simulated CCCD chip and for tests: a self-signed CSCA that says plainly it
 * is not real, and a document signer it issued. Never put these certificates in a production trust
 * directory.
 */
export type SimKeyAlgorithm =
  'ecdsa-p256' | 'ecdsa-p384' | 'ecdsa-brainpool-p256' | 'rsa-2048' | 'rsa-3072' | 'rsa-pss-2048'

export interface SimIdentity {
  certificateDer: Uint8Array
  certificatePem: string
  certificate: Certificate
  privateKey: KeyObject
  privateKeyPem: string
}

export interface SimPki {
  csca: SimIdentity
  documentSigner: SimIdentity
}

export interface SimPkiOptions {
  now: Date
  /** Default 'ecdsa-p256'. */
  cscaAlgorithm?: SimKeyAlgorithm
  /** Default 'ecdsa-p256': instant to generate and sign with (verify costs: tests/bench/pa.bench.ts). */
  documentSignerAlgorithm?: SimKeyAlgorithm
  /** Issuing state in the subjects, default VN. */
  country?: string
  /** Source of serial numbers; default crypto.randomBytes. */
  randomBytes?: (n: number) => Uint8Array
}

const DAY = 86_400_000
const YEAR = 365.25 * DAY
const ORGANIZATION = 'VNeID Kiosk Simulator'

export function generateSimKeyPair(algorithm: SimKeyAlgorithm): {
  privateKey: KeyObject
  publicKey: KeyObject
} {
  switch (algorithm) {
    case 'ecdsa-p256':
      return generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    case 'ecdsa-p384':
      return generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
    case 'ecdsa-brainpool-p256':
      return generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' })
    case 'rsa-2048':
      return generateKeyPairSync('rsa', { modulusLength: 2048 })
    case 'rsa-3072':
      return generateKeyPairSync('rsa', { modulusLength: 3072 })
    case 'rsa-pss-2048':
      return generateKeyPairSync('rsa-pss', { modulusLength: 2048 })
  }
}

export function createSimPki(options: SimPkiOptions): SimPki {
  const country = options.country ?? 'VN'
  const random = options.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)))
  const start = new Date(options.now.getTime() - DAY)
  const cscaKeys = generateSimKeyPair(options.cscaAlgorithm ?? 'ecdsa-p256')
  const cscaSubject: NameAttribute[] = [
    { type: 'C', value: country },
    { type: 'O', value: ORGANIZATION },
    { type: 'OU', value: 'TEST — not a real CSCA' },
    { type: 'CN', value: `CSCA ${country} TEST` },
  ]
  const cscaDer = buildCertificate({
    serialNumber: serial(random),
    issuer: cscaSubject,
    subject: cscaSubject,
    notBefore: start,
    notAfter: new Date(start.getTime() + 15 * YEAR),
    publicKey: cscaKeys.publicKey,
    signingKey: cscaKeys.privateKey,
    ca: { pathLength: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
  })
  const csca = identity(cscaDer, cscaKeys.privateKey)
  const documentSigner = issueSimCertificate(csca, {
    subject: [
      { type: 'C', value: country },
      { type: 'O', value: ORGANIZATION },
      { type: 'OU', value: 'TEST — not a real document signer' },
      { type: 'CN', value: `DS ${country} TEST` },
    ],
    role: 'signer',
    algorithm: options.documentSignerAlgorithm ?? 'ecdsa-p256',
    notBefore: start,
    // ICAO: DS key used ~3 months, certificate valid for the life of the documents it signed.
    notAfter: new Date(start.getTime() + 10 * YEAR + 90 * DAY),
    randomBytes: random,
  })
  return { csca, documentSigner }
}

/** Issues a certificate from `issuer`: a signer (DS, master-list signer) or a CA (link certificate). */
export function issueSimCertificate(
  issuer: SimIdentity,
  spec: {
    subject: readonly NameAttribute[]
    role: 'signer' | 'ca'
    algorithm: SimKeyAlgorithm
    notBefore: Date
    notAfter: Date
    randomBytes?: (n: number) => Uint8Array
  },
): SimIdentity {
  const random = spec.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n)))
  const keys = generateSimKeyPair(spec.algorithm)
  const der = buildCertificate({
    serialNumber: serial(random),
    issuer: issuer.certificate.subject.der,
    subject: spec.subject,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    publicKey: keys.publicKey,
    signingKey: issuer.privateKey,
    ...(spec.role === 'ca' ? { ca: { pathLength: 0 } } : {}),
    keyUsage: spec.role === 'ca' ? ['keyCertSign', 'cRLSign'] : ['digitalSignature'],
    authorityKeyIdentifier:
      issuer.certificate.extensions.subjectKeyIdentifier ??
      subjectKeyIdentifierOf(issuer.certificate.subjectPublicKeyInfo),
  })
  return identity(der, keys.privateKey)
}

/** One PEM text holding the CSCA and DS certificates and keys (how a simulator can cache its PKI). */
export function simPkiToPem(pki: SimPki): string {
  return [pki.csca, pki.documentSigner].map((id) => id.certificatePem + id.privateKeyPem).join('')
}

/** Reads what simPkiToPem wrote. Throws ParseError if the text is not such a bundle. */
export function simPkiFromPem(text: string): SimPki {
  const blocks = decodePem(text)
  const [cscaCert, cscaKey, dsCert, dsKey] = blocks
  if (
    blocks.length !== 4 ||
    cscaCert?.label !== 'CERTIFICATE' ||
    cscaKey?.label !== 'PRIVATE KEY' ||
    dsCert?.label !== 'CERTIFICATE' ||
    dsKey?.label !== 'PRIVATE KEY'
  ) {
    throw new ParseError('pem', 'expected CSCA certificate, key, DS certificate, key')
  }
  const key = (der: Uint8Array) => {
    try {
      return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' })
    } catch (error) {
      throw new ParseError('pem', `unreadable private key (${(error as Error).message})`)
    }
  }
  return {
    csca: identity(cscaCert.der, key(cscaKey.der)),
    documentSigner: identity(dsCert.der, key(dsKey.der)),
  }
}

function identity(certificateDer: Uint8Array, privateKey: KeyObject): SimIdentity {
  const certificate = parseCertificate(certificateDer)
  const publicSpki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' })
  if (Buffer.compare(publicSpki, Buffer.from(certificate.subjectPublicKeyInfo)) !== 0) {
    throw new ParseError('pem', `the private key does not match ${certificate.subject.text}`)
  }
  return {
    certificateDer,
    certificatePem: encodePem('CERTIFICATE', certificateDer),
    certificate,
    privateKey,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  }
}

/** A positive 16-byte serial (top bit cleared, never all zero). */
function serial(random: (n: number) => Uint8Array): Uint8Array {
  const bytes = Uint8Array.from(random(16))
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01
  return bytes
}
