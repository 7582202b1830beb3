import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { FileIdSchema } from '../../../protocol'
import { UpstreamError } from '../errors'
import type { ReviewerAccounts } from '../review/accounts/reviewer-accounts'
import {
  RejectRequestSchema,
  ReviewStateSchema,
  type ReviewService,
} from '../review/review-service'
import { fingerPng } from '../review/review-fingers'
import { reviewPortrait } from '../review/review-portrait'
import { jsonBody, parseWith } from './request-body'
import { reviewerOf } from './review-session-routes'

const FileParamsSchema = z.object({ fileId: FileIdSchema })
const ListQuerySchema = z
  .object({
    state: ReviewStateSchema.default('received'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: FileIdSchema.optional(),
  })
  .strict()
const PartQuerySchema = z.object({ name: z.string().min(1).max(100) }).strict()
const FingerQuerySchema = z.object({ name: z.string().regex(/^finger\/[a-z-]{1,30}$/) }).strict()
const OutboxQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(50) })
  .strict()

/**
 * The review queue API under /review/api, for the review page: list, inspect, approve, reject,
 * and read the SMS outbox. Every call carries `authorization: Bearer <session token>` from the
 * sign-in (review-session-routes.ts); each decision is recorded with the signed-in reviewer.
 */
export function registerReviewRoutes(
  app: FastifyInstance,
  review: ReviewService,
  accounts: ReviewerAccounts,
  stats: () => unknown,
) {
  const authorize = (request: FastifyRequest) => reviewerOf(request, accounts)

  app.get('/review/api/files', async (request) => {
    await authorize(request)
    const query = parseWith(ListQuerySchema, request.query, 'query')
    return {
      files: await review.list({
        state: query.state,
        limit: query.limit,
        ...(query.after ? { after: query.after } : {}),
      }),
    }
  })

  app.get('/review/api/files/:fileId', async (request) => {
    await authorize(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    return review.detail(fileId)
  })

  app.get('/review/api/files/:fileId/part', async (request, reply) => {
    await authorize(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    const { name } = parseWith(PartQuerySchema, request.query, 'query')
    const part = await review.part(fileId, name)
    // Served as an attachment of a fixed type unless it is an image the page shows.
    const image = /^image\/(jpeg|png)$/.test(part.mediaType)
    return reply
      .header('content-type', image ? part.mediaType : 'application/octet-stream')
      .header('content-disposition', image ? 'inline' : 'attachment')
      .send(part.data)
  })

  registerPortraitRoute(app, review, authorize)
  registerFingerRoute(app, review, authorize)

  app.post('/review/api/files/:fileId/approve', async (request) => {
    const reviewer = await authorize(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    jsonBody(request, z.object({}).strict())
    return review.approve(fileId, reviewer)
  })

  app.post('/review/api/files/:fileId/reject', async (request) => {
    const reviewer = await authorize(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    const { reason } = jsonBody(request, RejectRequestSchema)
    return review.reject(fileId, reviewer, reason)
  })

  app.get('/review/api/outbox', async (request) => {
    await authorize(request)
    const { limit } = parseWith(OutboxQuerySchema, request.query, 'query')
    return { messages: await review.outbox(limit) }
  })

  app.get('/review/api/stats', async (request) => {
    await authorize(request)
    return stats()
  })
}

/** The kiosk portrait and the chip photo, decoded here (JPEG 2000 as PNG), with the match. */
function registerPortraitRoute(
  app: FastifyInstance,
  review: ReviewService,
  authorize: (request: FastifyRequest) => Promise<unknown>,
) {
  app.get('/review/api/files/:fileId/portrait', async (request) => {
    await authorize(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    return reviewPortrait(await review.partsOf(fileId))
  })
}

/** One finger record's image as PNG (JPEG 2000 decoded here), for the page's ten fingers. */
function registerFingerRoute(
  app: FastifyInstance,
  review: ReviewService,
  authorize: (request: FastifyRequest) => Promise<unknown>,
) {
  app.get('/review/api/files/:fileId/finger', async (request, reply) => {
    await authorize(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    const { name } = parseWith(FingerQuerySchema, request.query, 'query')
    const part = (await review.partsOf(fileId))(name)
    if (part?.kind !== 'finger')
      throw new UpstreamError('not_found', `${fileId} has no finger ${name}`)
    const png = await fingerPng(part)
    return reply
      .header('content-type', 'image/png')
      .header('content-disposition', 'inline')
      .send(Buffer.from(png))
  })
}
