import type { Reply, SessionStatus } from '../contract'

export type ExitDecision = 'quit' | 'needs-supervisor'

/**
 * The supervisor exit chord quits only when a supervisor is signed in on this window, unlocked and
 * not held at a password change; otherwise the kiosk asks for that sign-in and stays.
 */
export function supervisorExitDecision(status: Reply<SessionStatus>): ExitDecision {
  if (!status.ok) return 'needs-supervisor'
  const session = status.value.session
  const ready = session?.role === 'supervisor' && !session.locked && !session.mustChangePassword
  return ready ? 'quit' : 'needs-supervisor'
}
