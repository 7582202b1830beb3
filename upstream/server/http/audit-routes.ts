import type { FastifyInstance } from 'fastify'
import {
  AUDIT_CHECKPOINTS_PATH,
  AuditCheckpointsRequestSchema,
  type AuditCheckpointsResponse,
} from '../../../protocol'
import { acceptAuditCheckpoints, createAuditCheckpointRepository } from '../audit/audit-checkpoints'
import type { UpstreamContext } from '../context'
import { UpstreamError } from '../errors'
import { createAuthenticator } from './authenticate'
import { jsonBody } from './request-body'

/** `POST /v1/audit/checkpoints`: a terminal's signed audit checkpoints, signed like every sync call. */
export function registerAuditRoutes(app: FastifyInstance, ctx: UpstreamContext) {
  const authenticate = createAuthenticator(ctx)
  const repo = createAuditCheckpointRepository(ctx.db)
  app.post(AUDIT_CHECKPOINTS_PATH, async (request): Promise<AuditCheckpointsResponse> => {
    const terminal = authenticate(request)
    const body = jsonBody(request, AuditCheckpointsRequestSchema)
    // A refusal is thrown after the commit, so the gap or rewrite it flagged is kept.
    const answer = await ctx.commitDurably(() => acceptAuditCheckpoints(ctx, repo, terminal, body))
    if (answer instanceof UpstreamError) throw answer
    return { ack: answer }
  })
}
