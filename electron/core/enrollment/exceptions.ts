import type { ApprovalException, EnrollmentException, Sentence } from '../../contract'
import type { StateView } from './enrollment-state'

/**
 * The conditions of an enrollment that only a supervisor can let through, each with why it is
 * raised. The file cannot be submitted while one of them lacks an approval.
 */
export function raisedExceptions(
  view: StateView,
): { exception: ApprovalException; why: Sentence }[] {
  const out: { exception: ApprovalException; why: Sentence }[] = []
  const raise = (exception: ApprovalException, key: string, params?: Sentence['params']) =>
    out.push({
      exception,
      why: { key: `enrollment.exceptions.${key}`, ...(params ? { params } : {}) },
    })
  const identity = view.identity
  if (identity) {
    if (identity.source === 'papers') raise('no-chip-card', 'noChipCard')
    else if (identity.chip === null) raise('identity-without-chip-read', 'notChipVerified')
    if (identity.chip) {
      const { passiveAuth, chipAuth, activeAuth } = identity.chip
      if (passiveAuth !== 'valid') raise('chip-not-valid', 'passiveAuth', { verdict: passiveAuth })
      else if (chipAuth === 'failed' || activeAuth === 'failed')
        raise('chip-not-valid', 'cloneCheck')
    }
    if (identity.mismatches.length > 0)
      raise('identity-mismatch', 'mismatch', {
        fields: identity.mismatches.map((m) => m.field).join(', '),
      })
  }
  const portrait = view.portrait
  if (portrait?.capture === 'manual') raise('manual-portrait', 'manualPortrait')
  if (portrait?.match.verdict === 'mismatch') raise('portrait-mismatch', 'portraitMismatch')
  const missing = view.fingerprints?.missing ?? []
  if (missing.length > 0) raise('missing-finger', 'missingFinger', { count: missing.length })
  return out
}

/** The exceptions with whether the officer's session holds an approval of each. */
export function exceptionsWithApprovals(
  view: StateView,
  approved: ReadonlySet<ApprovalException>,
): EnrollmentException[] {
  return raisedExceptions(view).map((e) => ({ ...e, approved: approved.has(e.exception) }))
}
