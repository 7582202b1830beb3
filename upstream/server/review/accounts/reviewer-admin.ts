import { CatalogueError, messageRef } from '../../../../lib/messages'
import { hashPassword, type ScryptCost } from '../../../../lib/password-hash'
import { safeParse } from '../../../../lib/schema'
import type { AsyncRepository } from '../../db/async-repository'
import type { ReviewerRecord, ReviewerRepository } from '../../db/reviewers'
import { DisplayNameSchema, ReviewerIdSchema, type ReviewerRole } from './reviewer'
import { MIN_PASSWORD_LENGTH, TRAINER_ID } from './reviewer-policy'

/** A refused administration step (`kiosk upstream reviewer …`), worded by the catalogue. */
export class ReviewerAdminError extends CatalogueError {}

/** An account as `kiosk upstream reviewer list` shows it: never its hash. */
export interface ReviewerListing {
  id: string
  name: string
  role: ReviewerRole
  disabled: boolean
  failedAttempts: number
  lockedUntil: string | null
  createdAt: string
}

export interface ReviewerAdmin {
  add(fields: { id: string; name: string; role: ReviewerRole; password: string }): Promise<void>
  list(): Promise<ReviewerListing[]>
  /** Disables the account and ends its sessions at once. */
  disable(id: string): Promise<void>
  enable(id: string): Promise<void>
  /** Ends a lockout and forgets the wrong passwords counted. */
  unlock(id: string): Promise<void>
  /** A new password; ends the account's sessions and any lockout. */
  setPassword(id: string, password: string): Promise<void>
}

export interface ReviewerAdminDeps {
  repo: AsyncRepository<ReviewerRepository>
  now(): Date
  randomBytes(size: number): Buffer
  cost: ScryptCost
}

function checkedId(value: string): string {
  const parsed = safeParse(ReviewerIdSchema, value)
  if (!parsed.success) throw new ReviewerAdminError(messageRef('messages.reviewers.invalidId'))
  if (parsed.data === TRAINER_ID)
    throw new ReviewerAdminError(messageRef('messages.reviewers.reserved', { id: TRAINER_ID }))
  return parsed.data
}

function checkedPassword(password: string): string {
  if ([...password.normalize('NFC')].length < MIN_PASSWORD_LENGTH)
    throw new ReviewerAdminError(
      messageRef('messages.reviewers.shortPassword', { min: MIN_PASSWORD_LENGTH }),
    )
  return password
}

const listing = (r: ReviewerRecord): ReviewerListing => ({
  id: r.reviewerId,
  name: r.displayName,
  role: r.role,
  disabled: r.disabled,
  failedAttempts: r.failedAttempts,
  lockedUntil: r.lockedUntil,
  createdAt: r.createdAt,
})

/** Adding, listing, disabling, unlocking reviewers and setting their passwords. */
export function createReviewerAdmin(deps: ReviewerAdminDeps): ReviewerAdmin {
  const { repo } = deps
  const existing = async (value: string): Promise<ReviewerRecord> => {
    const record = await repo.get(checkedId(value))
    if (!record)
      throw new ReviewerAdminError(messageRef('messages.reviewers.unknown', { id: value }))
    return record
  }
  return {
    async add({ id, name, role, password }) {
      const reviewerId = checkedId(id)
      const displayName = safeParse(DisplayNameSchema, name)
      if (!displayName.success)
        throw new ReviewerAdminError(messageRef('messages.reviewers.invalidName'))
      if (await repo.get(reviewerId))
        throw new ReviewerAdminError(messageRef('messages.reviewers.exists', { id: reviewerId }))
      const passwordHash = await hashPassword(
        checkedPassword(password),
        deps.randomBytes,
        deps.cost,
      )
      const at = deps.now().toISOString()
      await repo.create({
        reviewerId,
        displayName: displayName.data,
        role,
        passwordHash,
        createdAt: at,
        passwordAt: at,
      })
    },
    list: async () => (await repo.list()).map(listing),
    async disable(id) {
      const { reviewerId } = await existing(id)
      await repo.setDisabled(reviewerId, true)
      await repo.deleteSessionsOf(reviewerId)
    },
    async enable(id) {
      await repo.setDisabled((await existing(id)).reviewerId, false)
    },
    async unlock(id) {
      await repo.unlock((await existing(id)).reviewerId)
    },
    async setPassword(id, password) {
      const { reviewerId } = await existing(id)
      const hash = await hashPassword(checkedPassword(password), deps.randomBytes, deps.cost)
      await repo.setPassword(reviewerId, hash, deps.now().toISOString())
      await repo.deleteSessionsOf(reviewerId)
    },
  }
}
