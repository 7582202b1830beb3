import type { FastifyInstance } from 'fastify'
import {
  AUDIT_CHECKPOINTS_PATH,
  AuditCheckpointsRequestSchema,
  type AuditCheckpointsResponse,
} from '../../../protocol'
import { acceptAuditCheckpoints, createAuditCheckpointRepository } from '../audit/audit-checkpoints'
import type { UpstreamContext } from '../context'
import { UpstreamError } from '../errors'
import { JSON_BODY_LIMIT, jsonBody } from './request-body'
import type { SignedRequests } from './signed-requests'

/** `POST /v1/audit/checkpoints`: a terminal's signed audit checkpoints, signed like every sync call. */
export function registerAuditRoutes(
  app: FastifyInstance,
  ctx: UpstreamContext,
  signed: SignedRequests,
) {
  const repo = createAuditCheckpointRepository(ctx.db)
  const route = { onRequest: signed.onRequest('terminal'), bodyLimit: JSON_BODY_LIMIT }
  app.post(AUDIT_CHECKPOINTS_PATH, route, async (request): Promise<AuditCheckpointsResponse> => {
    const terminal = signed.terminalOf(request)
    const body = jsonBody(request, AuditCheckpointsRequestSchema)
    // A refusal is thrown after the commit, so the gap or rewrite it flagged is kept.
    const answer = await ctx.store.durably(async () =>
      acceptAuditCheckpoints(ctx, repo, terminal, body),
    )
    if (answer instanceof UpstreamError) throw answer
    return { ack: answer }
  })
}
