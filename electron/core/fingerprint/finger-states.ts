import type {
  DuplicatePair,
  FingerState as PolicyFingerState,
  ScannerInfo,
  TenPrintSession,
} from '../../../drivers/fingerprint'
import type {
  DuplicateFingerPair,
  FingerName,
  FingerprintScanner,
  FingerprintSession,
  FingerState,
} from '../../contract'

/** One finger as the contract shows it: no image, the best quality with its source named. */
export function fingerStateOf(
  state: PolicyFingerState,
  duplicates: readonly DuplicatePair[],
  approvalId: string | null,
): FingerState {
  const duplicateOf = duplicates.flatMap((d) =>
    d.a === state.finger ? [d.b] : d.b === state.finger ? [d.a] : [],
  )
  const best = state.best
  const exception = state.exception
  return {
    finger: state.finger,
    status: state.status,
    attempts: state.attempts,
    remainingAttempts: state.remainingAttempts,
    best: best ? { score: Math.round(best.quality.score), source: best.quality.source } : null,
    missing: exception
      ? {
          reason: exception.reason,
          declaredBy: exception.declaredBy,
          approvalId: exception.approvedBy ? approvalId : null,
          approvedBy: exception.approvedBy,
        }
      : null,
    duplicateOf: [...new Set(duplicateOf)],
  }
}

export function duplicatePairOf(pair: DuplicatePair): DuplicateFingerPair {
  return { a: pair.a, b: pair.b, score: Math.min(1, Math.max(0, pair.score)) }
}

export function scannerOf(info: ScannerInfo | null): FingerprintScanner | null {
  if (!info) return null
  const { kind, model, transport, width, height, ppi, enrolmentGrade } = info
  return { kind, model, transport, width, height, ppi, enrolmentGrade }
}

/** The whole session for `fingerprint.session`. */
export function sessionStateOf(
  tenPrint: TenPrintSession,
  approvals: ReadonlyMap<FingerName, string>,
  context: { capturing: FingerName | null; scanner: ScannerInfo | null },
): FingerprintSession {
  // Every finger has been checked as it arrived, so this compares nothing new.
  const duplicates = tenPrint.checkDuplicates()
  const summary = tenPrint.summary()
  return {
    fingers: summary.fingers.map((s) =>
      fingerStateOf(s, duplicates, approvals.get(s.finger) ?? null),
    ),
    next: tenPrint.nextFinger(),
    capturing: context.capturing,
    maxAttempts: tenPrint.policy.maxAttempts,
    acceptScore: tenPrint.policy.acceptScore,
    duplicates: duplicates.map(duplicatePairOf),
    complete: summary.complete,
    scanner: scannerOf(context.scanner),
  }
}
