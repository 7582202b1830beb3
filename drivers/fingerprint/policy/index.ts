export { DuplicateWatch } from './duplicate-watch'
export { findDuplicateFingers, templateOf, type DuplicatePair } from './duplicates'
export { TenPrintPolicyError, type PolicyErrorCode } from './errors'
export {
  DEFAULT_TEN_PRINT_POLICY,
  MISSING_FINGER_REASONS,
  TenPrintSession,
  type Approver,
  type FingerAttempt,
  type FingerState,
  type FingerStatus,
  type MissingFingerException,
  type MissingFingerReason,
  type TenPrintPolicy,
  type TenPrintSummary,
} from './ten-print'
