import { sign, verify, X509Certificate, type KeyObject } from 'node:crypto'
import { SbiSecurityError } from './errors'

/** Certificates the kiosk trusts for SBI devices: device-provider CAs, or pinned device certificates. */
export interface SbiTrust {
  certificates: readonly X509Certificate[]
}

export interface JwsHeader {
  alg: string
  typ?: string
  x5c: string[]
}

export interface VerifiedJws {
  header: JwsHeader
  payload: Uint8Array
  /** The signer's certificate (first x5c entry), already checked against the trust store. */
  certificate: X509Certificate
}

const B64URL = /^[A-Za-z0-9_-]*$/

export function base64url(bytes: Uint8Array | string): string {
  return Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString(
    'base64url',
  )
}

export function fromBase64url(text: string, what: string): Uint8Array {
  if (!B64URL.test(text) || text.length % 4 === 1) {
    throw new SbiSecurityError('malformed-jws', `${what} is not base64url`)
  }
  return new Uint8Array(Buffer.from(text, 'base64url'))
}

/** RFC 7515 compact JWS, RS256, with the signer's certificate in x5c (as SBI devices sign). */
export function signJws(
  payload: Uint8Array | string,
  key: KeyObject,
  certificateDer: Uint8Array,
): string {
  const header: JwsHeader = {
    alg: 'RS256',
    typ: 'JWT',
    x5c: [Buffer.from(certificateDer).toString('base64')],
  }
  const input = `${base64url(JSON.stringify(header))}.${base64url(payload)}`
  return `${input}.${base64url(sign('sha256', Buffer.from(input), key))}`
}

/**
 * Verifies a compact JWS: RS256 only, signature by the first x5c certificate, that certificate valid
 * now and either trusted itself or issued by a trusted certificate. Throws SbiSecurityError only:
 * what node:crypto throws on a certificate it cannot use becomes one too.
 */
export function verifyJws(compact: string, trust: SbiTrust, now: Date): VerifiedJws {
  try {
    return verifyCompact(compact, trust, now)
  } catch (error) {
    if (error instanceof SbiSecurityError) throw error
    throw new SbiSecurityError('malformed-jws', errorDetail(error))
  }
}

function verifyCompact(compact: string, trust: SbiTrust, now: Date): VerifiedJws {
  const parts = compact.split('.')
  if (parts.length !== 3)
    throw new SbiSecurityError('malformed-jws', `${parts.length} parts, not 3`)
  const [h = '', p = '', s = ''] = parts
  const header = parseHeader(fromBase64url(h, 'header'))
  const payload = fromBase64url(p, 'payload')
  const signature = fromBase64url(s, 'signature')
  if (header.alg !== 'RS256') throw new SbiSecurityError('unsupported-algorithm', header.alg)
  let certificate: X509Certificate
  let publicKey: KeyObject
  try {
    certificate = new X509Certificate(Buffer.from(header.x5c[0] ?? '', 'base64'))
    // Read inside the try: a certificate can parse while its key does not (OpenSSL decodes it lazily).
    publicKey = certificate.publicKey
  } catch (error) {
    throw new SbiSecurityError('malformed-jws', `x5c: ${errorDetail(error)}`)
  }
  if (publicKey.asymmetricKeyType !== 'rsa') {
    throw new SbiSecurityError('unsupported-algorithm', `${publicKey.asymmetricKeyType} key`)
  }
  if (!verify('sha256', Buffer.from(`${h}.${p}`), publicKey, signature)) {
    throw new SbiSecurityError('bad-signature', certificate.subject.replace(/\n/g, ', '))
  }
  checkTrusted(certificate, trust, now)
  return { header, payload, certificate }
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : 'unreadable error'
}

function parseHeader(bytes: Uint8Array): JwsHeader {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new SbiSecurityError('malformed-jws', 'header is not JSON')
  }
  if (typeof value !== 'object' || value === null) {
    throw new SbiSecurityError('malformed-jws', 'header is not an object')
  }
  const { alg, typ, x5c } = value as Record<string, unknown>
  if (typeof alg !== 'string') throw new SbiSecurityError('malformed-jws', 'no alg')
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string')) {
    throw new SbiSecurityError('malformed-jws', 'no x5c certificate')
  }
  return { alg, ...(typeof typ === 'string' ? { typ } : {}), x5c: x5c as string[] }
}

function checkTrusted(certificate: X509Certificate, trust: SbiTrust, now: Date): void {
  const valid = (c: X509Certificate) =>
    new Date(c.validFrom).getTime() <= now.getTime() &&
    now.getTime() <= new Date(c.validTo).getTime()
  if (!valid(certificate)) {
    throw new SbiSecurityError(
      'expired-certificate',
      `${certificate.validFrom} – ${certificate.validTo}`,
    )
  }
  const vouchesFor = (anchor: X509Certificate): boolean => {
    try {
      return (
        valid(anchor) &&
        (anchor.fingerprint256 === certificate.fingerprint256 ||
          (certificate.checkIssued(anchor) && certificate.verify(anchor.publicKey)))
      )
    } catch {
      return false // an anchor whose key cannot be read vouches for nothing
    }
  }
  const trusted = trust.certificates.some(vouchesFor)
  if (!trusted) {
    throw new SbiSecurityError('untrusted-certificate', certificate.subject.replace(/\n/g, ', '))
  }
}
