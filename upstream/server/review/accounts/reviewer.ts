import { z } from 'zod'
import type { ReviewerRole } from '../../db/reviewers'

export type { ReviewerRole }

/** Who made a call to the review API: the signed-in reviewer, as decisions record them. */
export interface Reviewer {
  id: string
  name: string
  role: ReviewerRole
}

export const ReviewerRoleSchema = z.enum(['reviewer', 'senior'])
/** Lower-case letters, digits, dot, dash and underscore: a staff login, typed at sign-in. */
export const ReviewerIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/)
export const DisplayNameSchema = z.string().trim().min(1).max(200)

export const SignInRequestSchema = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) })
  .strict()

export const TrainingSignInRequestSchema = z
  .object({ trainingToken: z.string().min(1).max(200) })
  .strict()

/** What the sign-in answers: the bearer token for the review API, whom it is for, and until when. */
export interface ReviewSession {
  token: string
  reviewer: Reviewer
  /** The absolute end; an idle session ends sooner (`idleMinutes` without a call). */
  expiresAt: string
  idleMinutes: number
}
