import type { KeyObject } from 'node:crypto'
import type { ErrorCode } from './errors'
import { signBytes, verifyBytes } from './signature'
import { sha256Hex } from './digest'

/**
 * Request signing, scheme KIOSK-REQUEST-V2. Every request but `GET /v1/upstream` carries these
 * headers (names are lowercase; HTTP header names are case-insensitive):
 *
 *   x-kiosk-terminal        the terminal id
 *   x-kiosk-upstream        the id of the upstream the request is meant for (its key document's)
 *   x-kiosk-timestamp       milliseconds since 1970-01-01T00:00:00Z, decimal
 *   x-kiosk-nonce           16 to 64 characters of base64url, fresh for every request (retries included)
 *   x-kiosk-content-sha256  SHA-256 of the exact body bytes sent, lowercase hex (of zero bytes for GET)
 *   x-kiosk-signature       base64url (no padding) signature over the canonical string
 *
 * The canonical string is these eight lines joined by "\n" (no trailing newline):
 *
 *   KIOSK-REQUEST-V2
 *   <METHOD in upper case>
 *   <request target exactly as sent: path and, if any, "?" and query, e.g. /v1/status?cursor=12>
 *   <terminal id>
 *   <upstream id>
 *   <timestamp>
 *   <nonce>
 *   <content sha256>
 *
 * Ed25519 keys sign it directly; ECDSA P-256 keys sign SHA-256 of it, r‖s encoded (64 bytes).
 * The upstream refuses a timestamp more than `maxSkewMs` (5 minutes by default) from its clock,
 * and a nonce it has seen from the same terminal within that window, and a request signed for
 * another upstream id (`wrong_upstream`): a request captured on the way to one upstream cannot be
 * replayed to another that knows the same terminal key.
 */
export const SIGNATURE_SCHEME = 'KIOSK-REQUEST-V2'

export const SIGNATURE_HEADERS = {
  terminal: 'x-kiosk-terminal',
  upstream: 'x-kiosk-upstream',
  timestamp: 'x-kiosk-timestamp',
  nonce: 'x-kiosk-nonce',
  contentSha256: 'x-kiosk-content-sha256',
  signature: 'x-kiosk-signature',
} as const

export const DEFAULT_MAX_SKEW_MS = 5 * 60 * 1000

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/
const TERMINAL_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/
const UPSTREAM_PATTERN = TERMINAL_PATTERN

export interface RequestToSign {
  method: string
  /** The request target as it goes on the wire: path plus query string. */
  path: string
  /** The exact bytes sent; empty for GET. */
  body: Uint8Array
}

export interface SigningIdentity {
  terminalId: string
  privateKey: KeyObject
  /** The upstream the request is for: bound into the signature. */
  upstreamId: string
}

/** Injected clock and randomness (tests pass fixed ones). */
export interface SigningEnvironment {
  now(): Date
  randomBytes(size: number): Buffer
}

export type SignedHeaders = Record<
  (typeof SIGNATURE_HEADERS)[keyof typeof SIGNATURE_HEADERS],
  string
>

export function canonicalRequestString(fields: {
  method: string
  path: string
  terminalId: string
  upstreamId: string
  timestamp: string
  nonce: string
  contentSha256: string
}): string {
  return [
    SIGNATURE_SCHEME,
    fields.method.toUpperCase(),
    fields.path,
    fields.terminalId,
    fields.upstreamId,
    fields.timestamp,
    fields.nonce,
    fields.contentSha256,
  ].join('\n')
}

/** The headers to add to one request. Call it again for every retry: the nonce must be fresh. */
export function signRequest(
  request: RequestToSign,
  identity: SigningIdentity,
  env: SigningEnvironment,
): SignedHeaders {
  const timestamp = String(env.now().getTime())
  const nonce = env.randomBytes(18).toString('base64url')
  const contentSha256 = sha256Hex(request.body)
  const canonical = canonicalRequestString({
    method: request.method,
    path: request.path,
    terminalId: identity.terminalId,
    upstreamId: identity.upstreamId,
    timestamp,
    nonce,
    contentSha256,
  })
  return {
    [SIGNATURE_HEADERS.terminal]: identity.terminalId,
    [SIGNATURE_HEADERS.upstream]: identity.upstreamId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.contentSha256]: contentSha256,
    [SIGNATURE_HEADERS.signature]: signBytes(Buffer.from(canonical, 'utf8'), identity.privateKey),
  } as SignedHeaders
}

/** The signature headers of a received request, parsed. */
export interface SignatureClaims {
  terminalId: string
  upstreamId: string
  timestamp: number
  nonce: string
  contentSha256: string
  signature: string
  /** The timestamp header as sent, for the canonical string. */
  timestampText: string
}

export type Refusal = { ok: false; code: ErrorCode; detail: string }

/** Reads the signature headers; `unsigned_request` when one is missing or malformed. */
export function readSignatureClaims(
  headers: Record<string, string | string[] | undefined>,
): { ok: true; claims: SignatureClaims } | Refusal {
  const get = (name: string): string | undefined => {
    const value = headers[name]
    return typeof value === 'string' ? value : undefined
  }
  const terminalId = get(SIGNATURE_HEADERS.terminal)
  const upstreamId = get(SIGNATURE_HEADERS.upstream)
  const timestampText = get(SIGNATURE_HEADERS.timestamp)
  const nonce = get(SIGNATURE_HEADERS.nonce)
  const contentSha256 = get(SIGNATURE_HEADERS.contentSha256)
  const signature = get(SIGNATURE_HEADERS.signature)
  const refuse = (detail: string): Refusal => ({ ok: false, code: 'unsigned_request', detail })
  if (terminalId === undefined || !TERMINAL_PATTERN.test(terminalId))
    return refuse(`${SIGNATURE_HEADERS.terminal} missing or malformed`)
  if (upstreamId === undefined || !UPSTREAM_PATTERN.test(upstreamId))
    return refuse(`${SIGNATURE_HEADERS.upstream} missing or malformed`)
  if (timestampText === undefined || !/^\d{1,15}$/.test(timestampText))
    return refuse(`${SIGNATURE_HEADERS.timestamp} missing or malformed`)
  if (nonce === undefined || !NONCE_PATTERN.test(nonce))
    return refuse(`${SIGNATURE_HEADERS.nonce} missing or malformed`)
  if (contentSha256 === undefined || !/^[0-9a-f]{64}$/.test(contentSha256))
    return refuse(`${SIGNATURE_HEADERS.contentSha256} missing or malformed`)
  if (signature === undefined || !/^[A-Za-z0-9_-]{1,200}$/.test(signature))
    return refuse(`${SIGNATURE_HEADERS.signature} missing or malformed`)
  return {
    ok: true,
    claims: {
      terminalId,
      upstreamId,
      timestamp: Number(timestampText),
      timestampText,
      nonce,
      contentSha256,
      signature,
    },
  }
}

/**
 * Checks one signed request against the terminal's public key: meant for this upstream
 * (`wrong_upstream`), timestamp window (`stale_timestamp`), body hash and signature
 * (`bad_signature`). Nonce reuse is the caller's check (it needs a store), made after this one so
 * that unsigned traffic cannot fill the nonce store.
 */
export function verifyRequest(
  request: RequestToSign,
  claims: SignatureClaims,
  publicKey: KeyObject,
  options: { now: Date; maxSkewMs?: number; upstreamId: string },
): { ok: true } | Refusal {
  const headers = verifyRequestHeaders(request, claims, publicKey, options)
  if (!headers.ok) return headers
  return verifyBodyDigest(request.body, claims)
}

/**
 * Everything `verifyRequest` checks but the body: the signature covers the claimed
 * `x-kiosk-content-sha256`, so a server can authenticate a request before reading its body and
 * then check the body against the claim with `verifyBodyDigest`.
 */
export function verifyRequestHeaders(
  request: Pick<RequestToSign, 'method' | 'path'>,
  claims: SignatureClaims,
  publicKey: KeyObject,
  options: { now: Date; maxSkewMs?: number; upstreamId: string },
): { ok: true } | Refusal {
  if (claims.upstreamId !== options.upstreamId)
    return {
      ok: false,
      code: 'wrong_upstream',
      detail: `signed for upstream ${claims.upstreamId}, this is ${options.upstreamId}`,
    }
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS
  const skew = claims.timestamp - options.now.getTime()
  if (Math.abs(skew) > maxSkewMs)
    return {
      ok: false,
      code: 'stale_timestamp',
      detail: `timestamp is ${Math.round(skew / 1000)} s from the upstream clock (window ±${maxSkewMs / 1000} s)`,
    }
  const canonical = canonicalRequestString({
    method: request.method,
    path: request.path,
    terminalId: claims.terminalId,
    upstreamId: claims.upstreamId,
    timestamp: claims.timestampText,
    nonce: claims.nonce,
    contentSha256: claims.contentSha256,
  })
  if (!verifyBytes(Buffer.from(canonical, 'utf8'), claims.signature, publicKey))
    return {
      ok: false,
      code: 'bad_signature',
      detail: 'signature does not verify with the registered key',
    }
  return { ok: true }
}

/** The body received against the signed `x-kiosk-content-sha256`. */
export function verifyBodyDigest(
  body: Uint8Array,
  claims: SignatureClaims,
): { ok: true } | Refusal {
  if (sha256Hex(body) !== claims.contentSha256)
    return {
      ok: false,
      code: 'bad_signature',
      detail: 'body does not match x-kiosk-content-sha256',
    }
  return { ok: true }
}
