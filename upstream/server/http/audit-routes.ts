import type { FastifyInstance } from 'fastify'
import {
  AUDIT_CHECKPOINTS_PATH,
  AuditCheckpointsRequestSchema,
  type AuditCheckpointsResponse,
} from '../../../protocol'
import { acceptAuditCheckpoints } from '../audit/audit-checkpoints'
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
  const route = { onRequest: signed.onRequest('terminal'), bodyLimit: JSON_BODY_LIMIT }
  app.post(AUDIT_CHECKPOINTS_PATH, route, async (request): Promise<AuditCheckpointsResponse> => {
    const terminal = signed.terminalOf(request)
    const body = jsonBody(request, AuditCheckpointsRequestSchema)
    // Each checkpoint and flag commits as it is written (a refusal keeps the flag it raised);
    // all of them are on disk before the answer.
    const answer = await acceptAuditCheckpoints(ctx, ctx.repos.audit, terminal, body)
    await ctx.store.onDiskSince(ctx.store.durabilityMark())
    if (answer instanceof UpstreamError) throw answer
    return { ack: answer }
  })
}
