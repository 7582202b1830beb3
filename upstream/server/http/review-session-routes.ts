import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { UpstreamError } from '../errors'
import {
  SignInRequestSchema,
  TrainingSignInRequestSchema,
  type Reviewer,
} from '../review/accounts/reviewer'
import type { ReviewerAccounts } from '../review/accounts/reviewer-accounts'
import { TRAINER_ID } from '../review/accounts/reviewer-policy'
import { jsonBody } from './request-body'

/** The refusals a guesser earns; a disabled account's right password is not a guess. */
const COUNTED = new Set<string>(['sign_in_failed', 'reviewer_locked', 'unauthorized'])

function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(a), digest(b))
}

/** The bearer token of a review API call, or undefined. */
export function bearerOf(request: FastifyRequest): string | undefined {
  return /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1]
}

/** The signed-in reviewer of a review API call; refuses a missing, unknown or expired session. */
export async function reviewerOf(
  request: FastifyRequest,
  accounts: ReviewerAccounts,
): Promise<Reviewer> {
  const token = bearerOf(request)
  if (!token) throw new UpstreamError('unauthorized', 'sign in first')
  return accounts.authenticate(token)
}

/**
 * Sign-in and sign-out of the review page under /review/api/session. Sign-in is limited per
 * client address before any password is checked; the training upstream also signs in its shared
 * token (as the trainer), and only it.
 */
export function registerReviewSessionRoutes(
  app: FastifyInstance,
  accounts: ReviewerAccounts,
  trainingToken: string | null,
) {
  const limiter = accounts.signInLimiter
  /** Runs a sign-in, counting its failure against the client's address. */
  async function limited<T>(request: FastifyRequest, signIn: () => Promise<T> | T): Promise<T> {
    limiter.check(request.ip)
    try {
      return await signIn()
    } catch (error) {
      if (error instanceof UpstreamError && COUNTED.has(error.code)) limiter.fail(request.ip)
      throw error
    }
  }

  app.post('/review/api/session', async (request) => {
    const { username, password } = jsonBody(request, SignInRequestSchema)
    return limited(request, () => accounts.signIn(username, password))
  })

  app.post('/review/api/session/training', async (request) => {
    const { trainingToken: offered } = jsonBody(request, TrainingSignInRequestSchema)
    return limited(request, () => {
      if (!trainingToken || !sameSecret(offered, trainingToken))
        throw new UpstreamError('unauthorized', 'not the training token of this upstream')
      return accounts.openSession(TRAINER_ID)
    })
  })

  app.get('/review/api/session', async (request) => ({
    reviewer: await reviewerOf(request, accounts),
  }))

  app.delete('/review/api/session', async (request, reply) => {
    const token = bearerOf(request)
    if (token) await accounts.signOut(token)
    return reply.status(204).send()
  })
}
