import type { KeyObject } from 'node:crypto'
import { sha256Hex } from './digest'
import { signBytes, verifyBytes } from './signature'

/**
 * Response signing, scheme KIOSK-RESPONSE-V1. Every answer under `/v1/` (errors included) carries
 *
 *   x-kiosk-upstream            the upstream id (as in its public key document)
 *   x-kiosk-response-signature  base64url (no padding), by the upstream's Ed25519 signing key
 *
 * over these eight lines joined by "\n" (no trailing newline):
 *
 *   KIOSK-RESPONSE-V1
 *   <upstream id>
 *   <HTTP status, decimal>
 *   <request METHOD in upper case>
 *   <request target exactly as received: path and query>
 *   <the request's x-kiosk-nonce, or "-" when it had none>
 *   <SHA-256 of the request body, lowercase hex (its x-kiosk-content-sha256 when sent)>
 *   <SHA-256 of the response body bytes, lowercase hex>
 *
 * The nonce and the request digest bind the answer to the one request it answers: a recorded
 * signed answer cannot be replayed to a later request, which carries a fresh nonce.
 */
export const RESPONSE_SIGNATURE_SCHEME = 'KIOSK-RESPONSE-V1'

export const RESPONSE_HEADERS = {
  upstream: 'x-kiosk-upstream',
  signature: 'x-kiosk-response-signature',
} as const

const NO_NONCE = '-'
const UPSTREAM_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/
const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{1,200}$/

/** The request an answer belongs to, as both sides see it. */
export interface AnsweredRequest {
  method: string
  path: string
  /** The request's x-kiosk-nonce, undefined when it sent none. */
  nonce: string | undefined
  requestSha256: string
}

export interface SignedAnswer extends AnsweredRequest {
  status: number
  body: Uint8Array
}

export function canonicalResponseString(
  answer: AnsweredRequest & { upstreamId: string; status: number; bodySha256: string },
): string {
  return [
    RESPONSE_SIGNATURE_SCHEME,
    answer.upstreamId,
    String(answer.status),
    answer.method.toUpperCase(),
    answer.path,
    answer.nonce ?? NO_NONCE,
    answer.requestSha256,
    answer.bodySha256,
  ].join('\n')
}

/** The two headers the upstream adds to one answer. */
export function signResponse(
  answer: SignedAnswer,
  signer: { upstreamId: string; privateKey: KeyObject },
): Record<(typeof RESPONSE_HEADERS)[keyof typeof RESPONSE_HEADERS], string> {
  const canonical = canonicalResponseString({
    ...answer,
    upstreamId: signer.upstreamId,
    bodySha256: sha256Hex(answer.body),
  })
  return {
    [RESPONSE_HEADERS.upstream]: signer.upstreamId,
    [RESPONSE_HEADERS.signature]: signBytes(Buffer.from(canonical, 'utf8'), signer.privateKey),
  }
}

export interface ResponseSignatureClaims {
  upstreamId: string
  signature: string
}

/** Reads an answer's signature headers; null when one is missing or malformed. */
export function readResponseSignature(
  header: (name: string) => string | null | undefined,
): ResponseSignatureClaims | null {
  const upstreamId = header(RESPONSE_HEADERS.upstream)
  const signature = header(RESPONSE_HEADERS.signature)
  if (typeof upstreamId !== 'string' || !UPSTREAM_ID_PATTERN.test(upstreamId)) return null
  if (typeof signature !== 'string' || !SIGNATURE_PATTERN.test(signature)) return null
  return { upstreamId, signature }
}

/** The upstream the kiosk trusts: its id and its signing key. */
export interface UpstreamTrust {
  upstreamId: string
  signingKey: KeyObject
}

export type ResponseVerdict =
  { ok: true } | { ok: false; problem: 'unsigned' | 'other-upstream' | 'bad-signature' }

/** Checks one answer against the trusted upstream: signed, by it, for this request. */
export function verifyResponse(
  answer: SignedAnswer,
  claims: ResponseSignatureClaims | null,
  trust: UpstreamTrust,
): ResponseVerdict {
  if (!claims) return { ok: false, problem: 'unsigned' }
  if (claims.upstreamId !== trust.upstreamId) return { ok: false, problem: 'other-upstream' }
  const canonical = canonicalResponseString({
    ...answer,
    upstreamId: trust.upstreamId,
    bodySha256: sha256Hex(answer.body),
  })
  return verifyBytes(Buffer.from(canonical, 'utf8'), claims.signature, trust.signingKey)
    ? { ok: true }
    : { ok: false, problem: 'bad-signature' }
}
