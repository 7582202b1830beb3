import {
  KioskError,
  type ApprovalException,
  type EnrollmentIntent,
  type EnrollmentView,
} from '../../contract'
import type { AuditLog } from '../audit'
import type { ChipRead } from '../card'
import type { SubmitInput, SubmitResult } from '../queue'
import type { DraftRepository } from '../store'
import type { EnrollmentRules } from './enrollment-rules'
import { createEnrollmentDrafts } from './enrollment-drafts'
import { newEnrollmentState, viewOf, type EnrollmentState } from './enrollment-state'
import { exceptionsWithApprovals } from './exceptions'
import { submitEnrollment } from './submit-step'
import { applyIntent, type FingerTake, type PortraitTake } from './transitions'

export interface EnrollmentServiceDeps {
  drafts: DraftRepository
  audit: AuditLog
  rules: EnrollmentRules
  appVersion: string
  now(): Date
  randomId(): string
  /** This window's last chip read, accepted portrait and captured fingers. */
  chipRead(connectionId: string): ChipRead | null
  portrait(connectionId: string): PortraitTake | null
  /** Asynchronous: the finger records are encoded when the fingerprint step ends. */
  fingers(connectionId: string): Promise<FingerTake | null>
  /** The exceptions this officer's session holds approvals of. */
  approved(officerId: string): ReadonlySet<ApprovalException>
  /** Files the enrollment (core.submit: the approvals go into its manifest). */
  submit(input: SubmitInput): SubmitResult
  /** Whether the devices are simulated: the file is then marked as training data. */
  simulated(): boolean
  /** The enrollment ended (filed, refused or cancelled): the window's device results go. */
  forgetCitizen(connectionId: string): void
}

/** Who acts: the officer signed in, on which window or socket. */
export interface EnrollmentActor {
  officerId: string
  connectionId: string
}

export interface EnrollmentService {
  current(actor: EnrollmentActor): EnrollmentView | null
  start(actor: EnrollmentActor, recreates: string | null): EnrollmentView
  intent(actor: EnrollmentActor, intent: EnrollmentIntent): Promise<EnrollmentView>
  cancel(actor: EnrollmentActor): boolean
  finish(actor: EnrollmentActor): boolean
}

/**
 * The enrollments in progress, one per officer: held in memory, saved as the officer's draft
 * (encrypted) after every transition, resumed from it after a restart or on another window.
 */
export function createEnrollmentService(deps: EnrollmentServiceDeps): EnrollmentService {
  const drafts = createEnrollmentDrafts(deps.drafts, deps.audit)

  const show = (state: EnrollmentState): EnrollmentView =>
    viewOf(state, exceptionsWithApprovals(state.view, deps.approved(state.officerId)))

  const audit = auditing(deps)

  const need = (officerId: string): EnrollmentState => {
    const state = drafts.load(officerId)
    if (!state) throw new KioskError('E_ENROLLMENT_NONE', 'no enrollment in progress')
    return state
  }

  const next = async (state: EnrollmentState, actor: EnrollmentActor, intent: EnrollmentIntent) =>
    intent.type === 'submit'
      ? submitEnrollment(state, deps)
      : applyIntent(state, intent, {
          now: deps.now(),
          rules: deps.rules,
          chipRead: deps.chipRead(actor.connectionId),
          portrait: deps.portrait(actor.connectionId),
          // Only the step that takes them pays for encoding the records.
          fingers:
            intent.type === 'fingerprints.done' ? await deps.fingers(actor.connectionId) : null,
          randomId: deps.randomId,
        })

  return {
    current: (actor) => {
      const state = drafts.load(actor.officerId)
      return state ? show(state) : null
    },
    start(actor, recreates) {
      const existing = drafts.load(actor.officerId)
      if (existing?.view.phase === 'active')
        throw new KioskError('E_ENROLLMENT_NONE', 'an enrollment is already in progress', {
          key: 'enrollment.alreadyInProgress',
        })
      const state = newEnrollmentState({
        enrollmentId: deps.randomId(),
        officerId: actor.officerId,
        appVersion: deps.appVersion,
        startedAt: deps.now().toISOString(),
        recreates,
      })
      drafts.save(state)
      audit(state, 'started', recreates ? { recreates } : {})
      return show(state)
    },
    async intent(actor, intent) {
      const state = need(actor.officerId)
      const after = await next(state, actor, intent)
      // Another intent of the same officer may have landed meanwhile (two windows): last one wins,
      // but never over an enrollment that ended or was replaced.
      if (drafts.load(actor.officerId)?.view.enrollmentId !== state.view.enrollmentId)
        throw new KioskError('E_ENROLLMENT_NONE', 'the enrollment ended meanwhile')
      drafts.save(after)
      recordTransition(deps, state, after, actor)
      return show(after)
    },
    cancel(actor) {
      const state = drafts.drop(actor.officerId)
      if (!state) return false
      deps.forgetCitizen(actor.connectionId)
      if (state.view.phase === 'active') audit(state, 'cancelled')
      return true
    },
    finish(actor) {
      if (!drafts.release(actor.officerId)) return false
      deps.forgetCitizen(actor.connectionId)
      return true
    },
  }
}

function auditing(deps: EnrollmentServiceDeps) {
  return (state: EnrollmentState, action: string, details: Record<string, string> = {}) =>
    deps.audit.append({
      actor: state.officerId,
      action: `enrollment.${action}`,
      subject: state.view.enrollmentId,
      details: { step: state.view.step, ...details },
    })
}

/** Audits what a transition did (no PII), and lets the window's device results go when it ended. */
function recordTransition(
  deps: EnrollmentServiceDeps,
  before: EnrollmentState,
  after: EnrollmentState,
  actor: EnrollmentActor,
): void {
  const audit = auditing(deps)
  const { phase, refusal, receipt, step } = after.view
  if (phase !== 'active') deps.forgetCitizen(actor.connectionId)
  if (phase === 'refused') audit(after, 'refused', { reason: refusal?.key ?? '' })
  else if (phase === 'submitted') audit(after, 'submitted', { fileId: receipt?.fileId ?? '' })
  else if (step !== before.view.step) audit(after, 'step', { from: before.view.step })
}
