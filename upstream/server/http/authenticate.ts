import type { KeyObject } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import {
  publicKeyFromBase64,
  readSignatureClaims,
  verifyBodyDigest,
  verifyRequestHeaders,
  type SignatureClaims,
} from '../../../protocol'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import { UpstreamError } from '../errors'
import { rawBodyOf } from './request-body'

/** Parses the signature headers or refuses the request. */
export function claimsOf(request: FastifyRequest): SignatureClaims {
  const read = readSignatureClaims(request.headers)
  if (!read.ok) throw new UpstreamError(read.code, read.detail)
  return read.claims
}

/**
 * Checks upstream id, timestamp and the signature over the headers (which cover the claimed body
 * hash) against `publicKey`, then spends the nonce. No body byte is needed. The nonce is
 * remembered until its timestamp leaves the window, after which the timestamp check refuses a
 * replay on its own. Returns the durability mark of the nonce's commit
 * (`ctx.store.onDiskSince`): answer only once it is on disk, so a replay cannot succeed after a
 * power cut.
 */
export async function checkSignedHeaders(
  ctx: UpstreamContext,
  request: FastifyRequest,
  claims: SignatureClaims,
  publicKey: KeyObject,
): Promise<number> {
  const now = ctx.now()
  const verdict = verifyRequestHeaders(
    { method: request.method, path: request.url },
    claims,
    publicKey,
    {
      now,
      maxSkewMs: ctx.maxSkewMs,
      upstreamId: ctx.keys.publicDocument.upstreamId,
    },
  )
  if (!verdict.ok) throw new UpstreamError(verdict.code, verdict.detail)
  const fresh = await ctx.repos.nonces.remember(
    claims.terminalId,
    claims.nonce,
    claims.timestamp + ctx.maxSkewMs,
    now.getTime(),
  )
  if (!fresh) throw new UpstreamError('replayed_nonce', `nonce ${claims.nonce} was already used`)
  return ctx.store.durabilityMark()
}

/** The body as read against the hash the signed headers claim. */
export function checkBodyDigest(request: FastifyRequest, claims: SignatureClaims): void {
  const verdict = verifyBodyDigest(rawBodyOf(request), claims)
  if (!verdict.ok) throw new UpstreamError(verdict.code, verdict.detail)
}

/** Headers and body at once, for a request whose key is in its body (registration). */
export function checkSignature(
  ctx: UpstreamContext,
  request: FastifyRequest,
  claims: SignatureClaims,
  publicKey: KeyObject,
): Promise<number> {
  checkBodyDigest(request, claims)
  return checkSignedHeaders(ctx, request, claims, publicKey)
}

/** A request authenticated from its headers: who sent it, and its nonce's durability mark. */
export interface SignedHeaders {
  claims: SignatureClaims
  terminal: AuthenticatedTerminal
  nonceMark: number
}

/** Authenticates a registered terminal's request from its headers, caching parsed keys by key id. */
export function createHeaderAuthenticator(ctx: UpstreamContext) {
  const keys = new Map<string, KeyObject>()
  return async (request: FastifyRequest): Promise<SignedHeaders> => {
    const claims = claimsOf(request)
    const record = await ctx.repos.terminals.get(claims.terminalId)
    if (!record) throw new UpstreamError('unregistered_terminal', claims.terminalId)
    let publicKey = keys.get(record.keyId)
    if (!publicKey) {
      publicKey = publicKeyFromBase64(record.publicKey)
      keys.set(record.keyId, publicKey)
    }
    const nonceMark = await checkSignedHeaders(ctx, request, claims, publicKey)
    return { claims, terminal: { record, publicKey }, nonceMark }
  }
}
