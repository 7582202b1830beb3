import type { OfficerRole, SessionInfo } from '../../contract'

/** Who sent a request: the window (Electron) or socket (host) it came through. */
export interface Caller {
  connectionId: string
}

/** The officer signed in on one window or socket. Lives in the core only. */
export interface OfficerSession {
  officerId: string
  username: string
  displayName: string
  role: OfficerRole
  signedInAt: string
  /** The last request or input the screen reported; the core locks the session after the idle time. */
  lastActivityMs: number
  locked: boolean
  mustChangePassword: boolean
}

export function sessionInfoOf(session: OfficerSession): SessionInfo {
  return {
    officerId: session.officerId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    locked: session.locked,
    mustChangePassword: session.mustChangePassword,
    signedInAt: session.signedInAt,
  }
}
