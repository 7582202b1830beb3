import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import type { UpstreamContext } from '../context'
import { errorBody, UpstreamError } from '../errors'
import { isDatabaseUnavailable } from '../db/pg/pg-errors'
import type { Intake } from '../intake/intake'
import type { ReviewService } from '../review/review-service'
import type { ReviewerAccounts } from '../review/accounts/reviewer-accounts'
import { registerReviewPage } from './review-page'
import { registerReviewRoutes } from './review-routes'
import { registerReviewSessionRoutes } from './review-session-routes'
import { registerSyncRoutes } from './sync-routes'
import { JSON_BODY_LIMIT } from './request-body'
import { signSyncResponses } from './sign-responses'

export interface UpstreamAppParts {
  ctx: UpstreamContext
  /** Serve HTTPS with this certificate chain and key (PEM); plain HTTP without. */
  tls?: { cert: Buffer; key: Buffer }
  intake: Intake
  review: ReviewService
  reviewers: ReviewerAccounts
  /** Training only: the shared token that signs in as the trainer. */
  reviewToken: string | null
}

/** Maps fastify's own failures (body limits, content types) onto the protocol's error codes. */
function fastifyErrorCode(error: FastifyError) {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large' as const
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return 'bad_request' as const
    default:
      return error.statusCode !== undefined && error.statusCode < 500
        ? ('bad_request' as const)
        : undefined
  }
}

/**
 * The reference upstream as a fastify app (not listening: `inject` in tests, `listen` in serve).
 * Every body is kept as raw bytes, because request signatures cover the exact bytes.
 */
export function buildUpstreamApp(parts: UpstreamAppParts): FastifyInstance {
  const { ctx } = parts
  const options = { logger: false, bodyLimit: ctx.maxChunkSize, return503OnClosing: true }
  // Fastify's typing picks the server type from the options, so the two cases are written out.
  const app: FastifyInstance = parts.tls
    ? (Fastify({ ...options, https: parts.tls }) as unknown as FastifyInstance)
    : Fastify(options)

  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  )
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: ctx.maxChunkSize },
    (_request, body, done) => done(null, body),
  )

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'no-referrer')
    if (!request.url.startsWith('/review/') || request.url.startsWith('/review/api/'))
      reply.header('cache-control', 'no-store')
  })

  signSyncResponses(app, ctx)

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof UpstreamError) return reply.status(error.status).send(error.toBody())
    const code = fastifyErrorCode(error)
    if (code) {
      const status = code === 'body_too_large' ? 413 : (error.statusCode ?? 400)
      return reply.status(status).send(errorBody(code, error.message))
    }
    if (isDatabaseUnavailable(error)) {
      ctx.log('database unavailable', { method: request.method, url: request.url })
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(errorBody('unavailable', 'the database cannot be reached; try again shortly'))
    }
    ctx.log('internal error', { method: request.method, url: request.url, error: error.message })
    return reply.status(500).send(errorBody('internal', ''))
  })
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('not_found', `${request.method} ${request.url.split('?')[0]}`)),
  )

  registerSyncRoutes(app, ctx, parts.intake)
  registerReviewSessionRoutes(app, parts.reviewers, parts.reviewToken)
  registerReviewRoutes(app, parts.review, parts.reviewers, () => ctx.repos.files.stats())
  registerReviewPage(app, { log: ctx.log })
  return app
}
