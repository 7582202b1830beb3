import { bytesEqual } from '../../../lib/bytes'
import { ParseError } from '../../../lib/parse-error'
import { certificatePublicKey, type Certificate } from './certificate'
import { subjectKeyIdentifierOf } from './certificate-builder'
import { digest } from './hashes'
import type { SignedData, SignerIdentifier, SignerInfo } from './signed-data'
import { digestHashOf, signatureSchemeFor, verifySignature } from './signature-algorithms'

export type CheckOutcome = { ok: true } | { ok: false; reason: string }

/** Whether `cert` is the one `sid` names. */
export function identifiesCertificate(sid: SignerIdentifier, cert: Certificate): boolean {
  if (sid.kind === 'issuerAndSerialNumber') {
    return sid.serialNumber === cert.serialNumber && sid.issuer.canonical === cert.issuer.canonical
  }
  const ski = cert.extensions.subjectKeyIdentifier ?? safeKeyId(cert)
  return ski !== undefined && bytesEqual(ski, sid.keyIdentifier)
}

/**
 * The signed attributes are consistent with the content: messageDigest = hash(eContent) under the
 * SignerInfo digestAlgorithm, and contentType = eContentType (RFC 5652 §5.4, §11.1).
 */
export function checkSignedAttributes(signedData: SignedData, signer: SignerInfo): CheckOutcome {
  const attributes = signer.signedAttributes
  if (!attributes) return { ok: false, reason: 'the SignerInfo has no signed attributes' }
  if (!signedData.content) return { ok: false, reason: 'the signed content is absent (detached)' }
  if (!attributes.messageDigest) return { ok: false, reason: 'no messageDigest attribute' }
  if (attributes.contentType !== signedData.contentType) {
    return { ok: false, reason: 'the contentType attribute differs from the eContentType' }
  }
  try {
    const hash = digestHashOf(signer.digestAlgorithm)
    if (!bytesEqual(digest(hash, signedData.content), attributes.messageDigest)) {
      return { ok: false, reason: `messageDigest is not the ${hash} of the signed content` }
    }
    return { ok: true }
  } catch (error) {
    return failure(error)
  }
}

/** The signature over the signed attributes (or over the content when there are none). */
export function checkSignerSignature(
  signedData: SignedData,
  signer: SignerInfo,
  signerCertificate: Certificate,
): CheckOutcome {
  const data = signer.signedAttributes?.der ?? signedData.content
  if (!data) return { ok: false, reason: 'nothing to verify: no signed attributes and no content' }
  try {
    const hash = digestHashOf(signer.digestAlgorithm)
    const scheme = signatureSchemeFor(signer.signatureAlgorithm, hash)
    const key = certificatePublicKey(signerCertificate)
    return verifySignature(scheme, key, data, signer.signature)
      ? { ok: true }
      : { ok: false, reason: `the ${scheme.kind} ${scheme.hash} signature does not verify` }
  } catch (error) {
    return failure(error)
  }
}

function failure(error: unknown): CheckOutcome {
  if (error instanceof ParseError) return { ok: false, reason: error.message }
  throw error
}

function safeKeyId(cert: Certificate): Uint8Array | undefined {
  try {
    return subjectKeyIdentifierOf(cert.subjectPublicKeyInfo)
  } catch {
    return undefined
  }
}
