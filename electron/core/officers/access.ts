import { requests, type RequestChannel } from '../../contract'
import type { AuditLog } from '../audit'
import type { Authorize } from '../dispatch'
import { officerError } from './officer-errors'
import type { Caller } from './session-types'
import type { SessionRegistry } from './sessions'

export interface AccessDeps {
  sessions: SessionRegistry
  audit: AuditLog
  nowMs: () => number
  idleLockMs: number
  /** The screen went idle past the limit without telling the core: the session locks here. */
  onIdleLock: (caller: Caller, officerId: string) => void
}

/** Channels a session whose password was reset may still call (besides the public ones). */
const WHILE_PASSWORD_RESET: ReadonlySet<RequestChannel> = new Set(['session.changePassword'])

/**
 * The role table's enforcement: a public channel passes; any other needs a signed-in, unlocked
 * session whose role the channel lists. One Map lookup and a few comparisons per request; only a
 * refusal writes to the audit log.
 */
export function createAuthorize(deps: AccessDeps): Authorize {
  const { sessions, audit } = deps
  const refuse = (channel: RequestChannel, actor: string, reason: string) =>
    audit.append({ actor, action: 'access.refused', details: { channel, reason } })

  return (channel, caller) => {
    const access = requests[channel].access
    const session = sessions.session(caller)
    if (access === 'public') return { ok: true, session }
    if (!session) {
      refuse(channel, 'anonymous', 'not-signed-in')
      return { ok: false, error: officerError('E_NOT_SIGNED_IN', 'messages.officers.notSignedIn') }
    }
    const now = deps.nowMs()
    if (!session.locked && now - session.lastActivityMs > deps.idleLockMs) {
      session.locked = true
      deps.onIdleLock(caller, session.officerId)
    }
    if (session.locked) {
      refuse(channel, session.officerId, 'locked')
      return {
        ok: false,
        error: officerError('E_SESSION_LOCKED', 'messages.officers.sessionLocked'),
      }
    }
    if (session.mustChangePassword && !WHILE_PASSWORD_RESET.has(channel)) {
      refuse(channel, session.officerId, 'password-reset')
      return {
        ok: false,
        error: officerError(
          'E_PASSWORD_CHANGE_REQUIRED',
          'messages.officers.passwordChangeRequired',
        ),
      }
    }
    if (!access.includes(session.role)) {
      refuse(channel, session.officerId, 'role')
      return {
        ok: false,
        error: officerError('E_FORBIDDEN_ROLE', 'messages.officers.forbiddenRole', {
          role: session.role,
        }),
      }
    }
    session.lastActivityMs = now
    return { ok: true, session }
  }
}
