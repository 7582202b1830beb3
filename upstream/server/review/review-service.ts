import { z } from 'zod'
import type { UpstreamContext } from '../context'
import type { Intake } from '../intake/intake'
import { createReviewDecisions, type ReviewDecisions } from './review-decisions'
import { createReviewQueries, type ReviewQueries } from './review-queries'

export type { ReviewDetail, ReviewSummary } from './review-summary'

export const ReviewStateSchema = z.enum(['received', 'approved', 'rejected'])

export const RejectRequestSchema = z.object({ reason: z.string().trim().min(3).max(1000) }).strict()

export interface ReviewService extends ReviewQueries, ReviewDecisions {}

/** The review queue: received files wait here for a reviewer to approve or reject them. */
export function createReviewService(ctx: UpstreamContext, intake: Intake): ReviewService {
  return { ...createReviewQueries(ctx, intake), ...createReviewDecisions(ctx, intake) }
}
