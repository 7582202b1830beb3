import type { ScryptCost } from '../../../../lib/password-hash'
import type { AsyncRepository } from '../../db/async-repository'
import type { ReviewerRepository } from '../../db/reviewers'
import { createReviewerAdmin, type ReviewerAdmin } from './reviewer-admin'
import { REVIEWER_SCRYPT_COST, SIGN_IN_RATE, TRAINER_ID } from './reviewer-policy'
import { createReviewerSessions, type ReviewerSessions } from './reviewer-sessions'
import { createSignInLimiter, type SignInLimiter } from './sign-in-limiter'

export interface ReviewerAccounts extends ReviewerAdmin, ReviewerSessions {
  readonly signInLimiter: SignInLimiter
  /** Creates the training upstream's trainer (senior, no password) if it is not there. */
  ensureTrainer(): Promise<void>
}

/** Reviewer accounts: administration (CLI), sign-in with lockout, sessions, the trainer. */
export function createReviewerAccounts(deps: {
  repo: AsyncRepository<ReviewerRepository>
  now(): Date
  randomBytes(size: number): Buffer
  cost?: ScryptCost
}): ReviewerAccounts {
  const full = { ...deps, cost: deps.cost ?? REVIEWER_SCRYPT_COST }
  return {
    ...createReviewerAdmin(full),
    ...createReviewerSessions(full),
    signInLimiter: createSignInLimiter({ ...SIGN_IN_RATE, now: deps.now }),
    async ensureTrainer() {
      if (await deps.repo.get(TRAINER_ID)) return
      const at = deps.now().toISOString()
      const trainer = {
        reviewerId: TRAINER_ID,
        displayName: 'Trainer',
        role: 'senior' as const,
        passwordHash: null,
        createdAt: at,
        passwordAt: null,
      }
      try {
        await deps.repo.create(trainer)
      } catch (error) {
        // Another process opening the same database created it first.
        if (!(await deps.repo.get(TRAINER_ID))) throw error
      }
    },
  }
}
