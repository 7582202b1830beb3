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
import { checkSignature, claimsOf, createAuthenticator } from './authenticate'
import { jsonBody, parseWith, rawBodyOf } from './request-body'

const FileParamsSchema = z.object({ fileId: FileIdSchema })
const ChunkQuerySchema = z
  .object({ offset: z.string().regex(/^\d{1,15}$/), complete: z.literal('1').optional() })
  .strict()
const DEFAULT_STATUS_PAGE = 100

/** The sync API of upstream/protocol (paths.ts), on `app`. */
export function registerSyncRoutes(app: FastifyInstance, ctx: UpstreamContext, intake: Intake) {
  const authenticate = createAuthenticator(ctx)

  app.get('/v1/upstream', async (): Promise<UpstreamInfo> => ({
    protocolVersion: PROTOCOL_VERSION,
    training: ctx.training,
    time: ctx.now().toISOString(),
    maxChunkSize: ctx.maxChunkSize,
    maxFileSize: ctx.maxFileSize,
    keys: ctx.keys.publicDocument,
  }))

  app.post('/v1/terminals', async (request) => {
    const claims = claimsOf(request)
    const body = jsonBody(request, RegisterRequestSchema)
    if (claims.terminalId !== body.terminalId)
      throw new UpstreamError('bad_request', 'x-kiosk-terminal differs from terminalId')
    // Proof of possession: the request is signed with the key being registered.
    checkSignature(ctx, request, claims, terminalKeyFromBase64(body.publicKey))
    return registerTerminal(ctx, body)
  })

  app.post('/v1/files', async (request) => {
    const terminal = authenticate(request)
    return intake.announce(terminal, jsonBody(request, AnnounceRequestSchema))
  })

  app.get('/v1/files/:fileId', async (request) => {
    const terminal = authenticate(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    return intake.status(terminal, fileId)
  })

  app.put('/v1/files/:fileId/body', async (request) => {
    const terminal = authenticate(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    const { offset, complete } = parseWith(ChunkQuerySchema, request.query, 'query')
    if (!/^application\/octet-stream\b/i.test(request.headers['content-type'] ?? ''))
      throw new UpstreamError('bad_request', 'expected content-type application/octet-stream')
    const chunk = { fileId, offset: Number(offset), data: rawBodyOf(request) }
    if (complete) return intake.writeLastChunk(terminal, chunk)
    return intake.writeChunk(terminal, chunk.fileId, chunk.offset, chunk.data)
  })

  app.post('/v1/files/:fileId/complete', async (request) => {
    const terminal = authenticate(request)
    const { fileId } = parseWith(FileParamsSchema, request.params, 'path')
    jsonBody(request, CompleteRequestSchema)
    return { receipt: await intake.complete(terminal, fileId) }
  })

  app.get('/v1/status', async (request): Promise<StatusFeed> => {
    const terminal = authenticate(request)
    const query = parseWith(StatusQuerySchema, request.query, 'query')
    const afterSeq = query.cursor === undefined ? 0 : cursorToSeq(query.cursor)
    const page = ctx.repos.statusEvents.page(
      terminal.record.terminalId,
      afterSeq,
      query.limit ?? DEFAULT_STATUS_PAGE,
    )
    return { cursor: seqToCursor(page.lastSeq), items: page.items, more: page.more }
  })
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
