import type { FingerState } from '../../../../electron/contract'

/** What the diagram and the list show for a finger: a status key for the text, and its icon. */
export type FingerDisplay = FingerState['status'] | 'duplicate'

export function displayOf(state: FingerState | undefined): FingerDisplay {
  if (!state) return 'pending'
  if (state.duplicateOf.length > 0) return 'duplicate'
  return state.status
}

/** A shape as well as a colour for each state, so no state is told by colour alone. */
export const STATUS_ICON: Record<FingerDisplay, string> = {
  pending: '○',
  retry: '↻',
  accepted: '✓',
  'best-kept': '★',
  'exception-pending': '⌛',
  'exception-approved': '✕',
  duplicate: '⚠',
}
