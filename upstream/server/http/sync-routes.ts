import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  AnnounceRequestSchema,
  CompleteRequestSchema,
  FileIdSchema,
  PROTOCOL_VERSION,
  RegisterRequestSchema,
  StatusQuerySchema,
  type StatusFeed,
  type UpstreamInfo,
} from '../../../protocol'
import type { UpstreamContext } from '../context'
import { UpstreamError } from '../errors'
import type { Intake } from '../intake/intake'
import { registerTerminal, terminalKeyFromBase64 } from '../intake/registration'
import { registerAuditRoutes } from './audit-routes'
import { checkSignature, claimsOf } from './authenticate'
import { registerRateLimit } from './rate-limit'
import { JSON_BODY_LIMIT, jsonBody, parseWith, rawBodyOf } from './request-body'
import { addSignedRequestHooks, createSignedRequests, type SignedRequests } from './signed-requests'

const FileParamsSchema = z.object({ fileId: FileIdSchema })
const ChunkQuerySchema = z
  .object({ offset: z.string().regex(/^\d{1,15}$/), complete: z.literal('1').optional() })
  .strict()
const DEFAULT_STATUS_PAGE = 100

/**
 * The sync API of upstream/protocol (paths.ts) and the audit checkpoints, in their own scope of
 * `app`: requests are authenticated from their signed headers and rate-limited per terminal
 * before any body byte is read (signed-requests.ts, rate-limit.ts).
 */
export function registerSyncRoutes(app: FastifyInstance, ctx: UpstreamContext, intake: Intake) {
  void app.register(async (scope) => {
    const signed = createSignedRequests(ctx)
    addSignedRequestHooks(scope, signed)
    await registerRateLimit(scope, {
      limits: ctx.limits,
      windows: ctx.repos.rateWindows,
      nowMs: () => ctx.now().getTime(),
      terminalIdOf: signed.terminalIdOf,
    })
    registerFileRoutes(scope, ctx, intake, signed)
    registerAuditRoutes(scope, ctx, signed)
  })
}

function registerFileRoutes(
  app: FastifyInstance,
  ctx: UpstreamContext,
  intake: Intake,
  signed: SignedRequests,
) {
  const json = { onRequest: signed.onRequest('terminal'), bodyLimit: JSON_BODY_LIMIT }
  const bare = { onRequest: signed.onRequest('terminal') }
  const terminalOf = signed.terminalOf

  app.get(
    '/v1/upstream',
    { onRequest: signed.onRequest('none') },
    async () =>
      ({
        protocolVersion: PROTOCOL_VERSION,
        training: ctx.training,
        time: ctx.now().toISOString(),
        maxChunkSize: ctx.maxChunkSize,
        maxFileSize: ctx.maxFileSize,
        keys: ctx.keys.publicDocument,
      }) satisfies UpstreamInfo,
  )

  app.post(
    '/v1/terminals',
    { onRequest: signed.onRequest('claims'), bodyLimit: JSON_BODY_LIMIT },
    async (request) => {
      const claims = claimsOf(request)
      const body = jsonBody(request, RegisterRequestSchema)
      if (claims.terminalId !== body.terminalId)
        throw new UpstreamError('bad_request', 'x-kiosk-terminal differs from terminalId')
      // Proof of possession: the request is signed with the key being registered.
      const publicKey = terminalKeyFromBase64(body.publicKey)
      const nonceMark = await checkSignature(ctx, request, claims, publicKey)
      const answer = await registerTerminal(ctx, body)
      await ctx.store.onDiskSince(nonceMark)
      return answer
    },
  )

  app.post('/v1/files', json, async (request) =>
    intake.announce(terminalOf(request), jsonBody(request, AnnounceRequestSchema)),
  )

  app.get('/v1/files/:fileId', bare, async (request) => {
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    return intake.status(terminalOf(request), fileId)
  })

  registerChunkRoute(app, ctx, intake, signed)

  app.post('/v1/files/:fileId/complete', json, async (request) => {
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    jsonBody(request, CompleteRequestSchema)
    return { receipt: await intake.complete(terminalOf(request), fileId) }
  })

  app.get('/v1/status', bare, async (request): Promise<StatusFeed> => {
    const terminal = terminalOf(request)
    const query = parseWith(StatusQuerySchema, request.query, 'query')
    const afterSeq = query.cursor === undefined ? 0 : cursorToSeq(query.cursor)
    const page = await ctx.repos.statusEvents.page(
      terminal.record.terminalId,
      afterSeq,
      query.limit ?? DEFAULT_STATUS_PAGE,
    )
    return { cursor: seqToCursor(page.lastSeq), items: page.items, more: page.more }
  })
}

/** PUT a chunk of a file's body; the last one may complete the file (`complete=1`). */
function registerChunkRoute(
  app: FastifyInstance,
  ctx: UpstreamContext,
  intake: Intake,
  signed: SignedRequests,
) {
  app.put(
    '/v1/files/:fileId/body',
    { onRequest: signed.onRequest('terminal'), bodyLimit: ctx.maxChunkSize },
    async (request) => {
      const terminal = signed.terminalOf(request)
      const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
      const { offset, complete } = parseWith(ChunkQuerySchema, request.query, 'query')
      if (!/^application\/octet-stream\b/i.test(request.headers['content-type'] ?? ''))
        throw new UpstreamError('bad_request', 'expected content-type application/octet-stream')
      const chunk = { fileId, offset: Number(offset), data: rawBodyOf(request) }
      if (complete) return intake.writeLastChunk(terminal, chunk)
      return intake.writeChunk(terminal, chunk.fileId, chunk.offset, chunk.data)
    },
  )
}

/** Cursors are the feed's sequence number in base 36: opaque to clients, cheap to check. */
export function seqToCursor(seq: number): string {
  return `s${seq.toString(36)}`
}

export function cursorToSeq(cursor: string): number {
  const match = /^s([0-9a-z]{1,11})$/.exec(cursor)
  const seq = match?.[1] === undefined ? Number.NaN : parseInt(match[1], 36)
  if (!Number.isSafeInteger(seq)) throw new UpstreamError('bad_request', `unknown cursor ${cursor}`)
  return seq
}
