import { KioskError } from '../../contract'
import { safeParse } from '../../../lib/schema'
import type { AuditLog } from '../audit'
import type { DraftRepository } from '../store'
import {
  EnrollmentStateSchema,
  ENROLLMENT_DRAFT_FORMAT,
  type EnrollmentState,
} from './enrollment-state'

/** The enrollments in progress, one per officer: in memory, and in its encrypted draft. */
export interface EnrollmentDrafts {
  /** The officer's enrollment: held, else resumed from the draft; null when there is none. */
  load(officerId: string): EnrollmentState | null
  /** Holds the state; an active one is saved as the draft, a finished one's draft is deleted. */
  save(state: EnrollmentState): void
  /** Forgets the officer's enrollment and deletes its draft. */
  drop(officerId: string): EnrollmentState | null
  /** Forgets a finished enrollment (its draft is already gone). */
  release(officerId: string): EnrollmentState | null
}

export function createEnrollmentDrafts(drafts: DraftRepository, audit: AuditLog): EnrollmentDrafts {
  const held = new Map<string, EnrollmentState>()

  const resume = (officerId: string): EnrollmentState | null => {
    const summary = drafts.list().find((d) => d.officerId === officerId)
    if (!summary) return null
    let payload: unknown
    try {
      payload = drafts.load(summary.draftId)?.payload
    } catch {
      payload = undefined // sealed with another key, or damaged: unusable either way
    }
    const parsed = safeParse(EnrollmentStateSchema, payload)
    if (parsed.success) return parsed.data
    // Another app version's draft (or a damaged one) cannot be resumed: it is set aside, audited.
    drafts.delete(summary.draftId)
    audit.append({
      actor: officerId,
      action: 'enrollment.draftUnusable',
      subject: summary.draftId,
      details: { step: summary.step },
    })
    throw new KioskError(
      'E_DRAFT_UNUSABLE',
      `draft ${summary.draftId} is not a format ${ENROLLMENT_DRAFT_FORMAT} enrollment`,
    )
  }

  const load = (officerId: string): EnrollmentState | null => {
    const state = held.get(officerId) ?? resume(officerId)
    if (state) held.set(officerId, state)
    return state
  }

  return {
    load,
    save(state) {
      held.set(state.officerId, state)
      if (state.view.phase === 'active')
        drafts.save({
          draftId: state.view.enrollmentId,
          officerId: state.officerId,
          step: state.view.step,
          payload: state,
        })
      else drafts.delete(state.view.enrollmentId)
    },
    drop(officerId) {
      const state = load(officerId)
      held.delete(officerId)
      if (state) drafts.delete(state.view.enrollmentId)
      return state
    },
    release(officerId) {
      const state = held.get(officerId) ?? null
      if (!state || state.view.phase === 'active') return null
      held.delete(officerId)
      return state
    },
  }
}
