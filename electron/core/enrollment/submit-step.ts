import { KioskError, type ApprovalException } from '../../contract'
import type { SubmitInput, SubmitResult } from '../queue'
import { assembleFile, missingForFile } from './assemble'
import { newEnrollmentState, type EnrollmentState } from './enrollment-state'
import { exceptionsWithApprovals } from './exceptions'
import { inputError, wrongStep } from './step-errors'

export interface SubmitStepDeps {
  appVersion: string
  approved(officerId: string): ReadonlySet<ApprovalException>
  submit(input: SubmitInput): SubmitResult
  simulated(): boolean
}

/**
 * Step 8: from the review, with everything present and every exception approved, the file is
 * assembled and queued (signed, encrypted, in one transaction: core.submit). What remains is the
 * receipt: the file number and the name, nothing else of the citizen. A refused submit (frozen,
 * disk) throws and leaves the enrollment at the review, its draft intact.
 */
export function submitEnrollment(state: EnrollmentState, deps: SubmitStepDeps): EnrollmentState {
  const { view } = state
  if (view.step !== 'review' || view.phase !== 'active') throw wrongStep('submit', view.step)
  const missing = missingForFile(state)
  if (missing.length > 0)
    throw inputError(`missing: ${missing.join(', ')}`, 'enrollment.review.missing', {
      parts: missing.join(', '),
    })
  const unapproved = exceptionsWithApprovals(view, deps.approved(state.officerId)).filter(
    (e) => !e.approved,
  )
  if (unapproved.length > 0)
    throw new KioskError('E_APPROVAL_REQUIRED', 'exceptions lack approval', {
      key: 'enrollment.review.unapproved',
      params: { exceptions: unapproved.map((e) => e.exception).join(', ') },
    })
  const filed = deps.submit({
    officerId: state.officerId,
    startedAt: view.startedAt,
    parts: assembleFile(state),
    simulated: deps.simulated(),
  })
  const receipt = {
    fileId: filed.fileId,
    submittedAt: filed.submittedAt,
    fullName: view.identity?.person.fullName ?? '',
    statusCode: filed.fileId,
  }
  const cleared = newEnrollmentState({
    enrollmentId: view.enrollmentId,
    officerId: state.officerId,
    appVersion: deps.appVersion,
    startedAt: view.startedAt,
    recreates: null,
  })
  return { ...cleared, view: { ...cleared.view, step: 'receipt', phase: 'submitted', receipt } }
}
