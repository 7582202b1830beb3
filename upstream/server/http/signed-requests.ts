import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AuthenticatedTerminal, UpstreamContext } from '../context'
import { UpstreamError } from '../errors'
import {
  checkBodyDigest,
  claimsOf,
  createHeaderAuthenticator,
  type SignedHeaders,
} from './authenticate'

/**
 * How a sync route is authenticated before its body is read:
 * `terminal`: a registered terminal's signature over the headers (the body hash is checked once
 * the body is in); `claims`: signature headers present and well formed, the rest checked by the
 * handler (registration: the key is in the body); `none`: the unsigned probe.
 */
export type RouteAuth = 'terminal' | 'claims' | 'none'

/**
 * The hooks that refuse abuse before a body byte is read: a declared Content-Length over the
 * route's limit (413), and for `terminal` routes an unknown terminal, a stale timestamp, a wrong
 * signature or a replayed nonce (401). A refusal closes the connection, so the server never reads
 * the body that was announced. Then, once the body is in, its hash against the signed one; and
 * every answer waits for the nonce's commit to be on disk (shared WAL syncs, off the event loop).
 */
export function createSignedRequests(ctx: UpstreamContext) {
  const authenticateHeaders = createHeaderAuthenticator(ctx)
  const authenticated = new WeakMap<FastifyRequest, SignedHeaders>()

  const refuse = (reply: FastifyReply, error: unknown): never => {
    reply.header('connection', 'close')
    throw error
  }

  /** The route-level onRequest hook for a route authenticated as `auth`. */
  const onRequest = (auth: RouteAuth) => async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      refuseOversize(request)
      if (auth === 'claims') claimsOf(request)
      if (auth !== 'terminal') return
      authenticated.set(request, await authenticateHeaders(request))
    } catch (error) {
      refuse(reply, error)
    }
  }

  return {
    onRequest,
    /** preValidation: the body as read against the signed hash. */
    async checkBody(request: FastifyRequest): Promise<void> {
      const signed = authenticated.get(request)
      if (signed) checkBodyDigest(request, signed.claims)
    },
    /**
     * onSend: no answer before the request's nonce is on disk. A durable commit the handler made
     * after it (a receipt) already covers it; otherwise this shares the next WAL sync.
     */
    async awaitNonce(request: FastifyRequest): Promise<void> {
      const signed = authenticated.get(request)
      if (signed) await ctx.store.onDiskSince(signed.nonceMark)
    },
    /** The terminal a `terminal` route's request was authenticated as. */
    terminalOf(request: FastifyRequest): AuthenticatedTerminal {
      const signed = authenticated.get(request)
      if (!signed) throw new Error(`${request.method} ${request.url} is not a terminal route`)
      return signed.terminal
    },
    /** The authenticated terminal's id, or undefined before authentication or on other routes. */
    terminalIdOf(request: FastifyRequest): string | undefined {
      return authenticated.get(request)?.terminal.record.terminalId
    },
  }
}

export type SignedRequests = ReturnType<typeof createSignedRequests>

/** A declared body over the route's limit (none for GET), refused from the header alone. */
function refuseOversize(request: FastifyRequest): void {
  const declared = request.headers['content-length']
  if (declared === undefined) return
  const length = Number(declared)
  const limit = request.method === 'GET' ? 0 : request.routeOptions.bodyLimit
  if (!Number.isSafeInteger(length) || length < 0)
    throw new UpstreamError('bad_request', `content-length ${declared} is not a length`)
  if (length > limit)
    throw new UpstreamError('body_too_large', `content-length ${length} > ${limit} bytes`)
}

/** The plugin-wide hooks of `createSignedRequests`, on `app` (the sync routes' scope). */
export function addSignedRequestHooks(app: FastifyInstance, signed: SignedRequests): void {
  app.addHook('preValidation', signed.checkBody)
  app.addHook('onSend', async (request) => signed.awaitNonce(request))
}
