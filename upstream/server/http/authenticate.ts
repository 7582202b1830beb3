import type { KeyObject } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import {
  publicKeyFromBase64,
  readSignatureClaims,
  verifyRequest,
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
 * Checks timestamp, body hash and signature against `publicKey`, then spends the nonce. The nonce
 * is remembered until its timestamp leaves the window, after which the timestamp check refuses
 * a replay on its own.
 */
export function checkSignature(
  ctx: UpstreamContext,
  request: FastifyRequest,
  claims: SignatureClaims,
  publicKey: KeyObject,
): void {
  const now = ctx.now()
  const verdict = verifyRequest(
    { method: request.method, path: request.url, body: rawBodyOf(request) },
    claims,
    publicKey,
    { now, maxSkewMs: ctx.maxSkewMs, upstreamId: ctx.keys.publicDocument.upstreamId },
  )
  if (!verdict.ok) throw new UpstreamError(verdict.code, verdict.detail)
  const fresh = ctx.repos.nonces.remember(
    claims.terminalId,
    claims.nonce,
    claims.timestamp + ctx.maxSkewMs,
    now.getTime(),
  )
  if (!fresh) throw new UpstreamError('replayed_nonce', `nonce ${claims.nonce} was already used`)
}

/** Verifies a request from a registered terminal, caching parsed keys by key id. */
export function createAuthenticator(ctx: UpstreamContext) {
  const keys = new Map<string, KeyObject>()
  return (request: FastifyRequest): AuthenticatedTerminal => {
    const claims = claimsOf(request)
    const record = ctx.repos.terminals.get(claims.terminalId)
    if (!record) throw new UpstreamError('unregistered_terminal', claims.terminalId)
    let publicKey = keys.get(record.keyId)
    if (!publicKey) {
      publicKey = publicKeyFromBase64(record.publicKey)
      keys.set(record.keyId, publicKey)
    }
    checkSignature(ctx, request, claims, publicKey)
    return { record, publicKey }
  }
}
