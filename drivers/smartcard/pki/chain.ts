import { bytesEqual } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { certificatePublicKey, type Certificate } from './certificate'
import { signatureSchemeFor, verifySignature } from './signature-algorithms'

export type IssuanceCheck = { ok: true } | { ok: false; reason: string }

/** Whether `issuer`'s subject names `cert`'s issuer, and their key identifiers do not contradict it. */
export function namesIssuer(cert: Certificate, issuer: Certificate): boolean {
  if (cert.issuer.canonical !== issuer.subject.canonical) return false
  const aki = cert.extensions.authorityKeyIdentifier
  const ski = issuer.extensions.subjectKeyIdentifier
  return !aki || !ski || bytesEqual(aki, ski)
}

/** Checks that `issuer`'s key signed `cert` (name match, key identifiers, signature). */
export function checkIssuedBy(cert: Certificate, issuer: Certificate): IssuanceCheck {
  if (!namesIssuer(cert, issuer)) {
    return { ok: false, reason: `issuer "${cert.issuer.text}" is not "${issuer.subject.text}"` }
  }
  try {
    const scheme = signatureSchemeFor(cert.signatureAlgorithm)
    const ok = verifySignature(scheme, certificatePublicKey(issuer), cert.tbs, cert.signature)
    return ok ? { ok: true } : { ok: false, reason: 'certificate signature does not verify' }
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, reason: error.message }
    throw error
  }
}

export type ValidityAt = 'valid' | 'not-yet-valid' | 'expired'

export function validityAt(cert: Certificate, now: Date): ValidityAt {
  if (now.getTime() < cert.notBefore.getTime()) return 'not-yet-valid'
  if (now.getTime() > cert.notAfter.getTime()) return 'expired'
  return 'valid'
}

/** Why `cert` may not act as a certificate authority (CSCA), or undefined when it may. */
export function caProblem(cert: Certificate): string | undefined {
  const { basicConstraints, keyUsage, unhandledCritical } = cert.extensions
  if (basicConstraints && !basicConstraints.ca) return 'basicConstraints says it is not a CA'
  if (!keyUsage) return 'no keyUsage extension (ICAO 9303-12 requires keyCertSign)'
  if (!keyUsage.includes('keyCertSign')) return 'keyUsage lacks keyCertSign'
  if (unhandledCritical.length) return `unknown critical extension ${unhandledCritical.join(', ')}`
  return undefined
}

/** Why `cert` may not sign documents (document signer), or undefined when it may. */
export function signerProblem(cert: Certificate): string | undefined {
  const { keyUsage, unhandledCritical } = cert.extensions
  if (keyUsage && !keyUsage.includes('digitalSignature')) return 'keyUsage lacks digitalSignature'
  if (unhandledCritical.length) return `unknown critical extension ${unhandledCritical.join(', ')}`
  return undefined
}
