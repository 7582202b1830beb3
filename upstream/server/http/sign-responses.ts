import type { FastifyInstance, FastifyRequest } from 'fastify'
import { API_PREFIX, sha256Hex, signResponse, SIGNATURE_HEADERS } from '../../../protocol'
import type { UpstreamContext } from '../context'
import { rawBodyOf } from './request-body'

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/
const SHA256_PATTERN = /^[0-9a-f]{64}$/

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}

/** The body bytes fastify is about to send (JSON answers are serialised to a string by then). */
function payloadBytes(payload: unknown): Buffer | null {
  if (payload === null || payload === undefined) return Buffer.alloc(0)
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8')
  if (Buffer.isBuffer(payload)) return payload
  return null
}

/**
 * Signs every answer of the sync API (`/v1/…`, errors included) with the upstream's signing key,
 * bound to the request it answers (see protocol/response-signing.ts). One hook, so every route,
 * including routes added later, is covered. Review pages and their API are for people, not kiosks.
 */
export function signSyncResponses(app: FastifyInstance, ctx: UpstreamContext): void {
  const signer = {
    upstreamId: ctx.keys.publicDocument.upstreamId,
    privateKey: ctx.keys.signing.privateKey,
  }
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith(`${API_PREFIX}/`)) return payload
    const body = payloadBytes(payload)
    // The sync API answers JSON only; a stream would be a programming error, left unsigned.
    if (body === null) return payload
    const nonce = headerOf(request, SIGNATURE_HEADERS.nonce)
    const declared = headerOf(request, SIGNATURE_HEADERS.contentSha256)
    const headers = signResponse(
      {
        method: request.method,
        path: request.url,
        nonce: nonce !== undefined && NONCE_PATTERN.test(nonce) ? nonce : undefined,
        requestSha256:
          declared !== undefined && SHA256_PATTERN.test(declared)
            ? declared
            : sha256Hex(rawBodyOf(request)),
        status: reply.statusCode,
        body,
      },
      signer,
    )
    for (const [name, value] of Object.entries(headers)) reply.header(name, value)
    return payload
  })
}
