import type { Handlers } from '../dispatch'
import { officerError } from './officer-errors'
import type { OfficerService } from './officer-service'
import type { OfficerSession } from './session-types'
import { sessionInfoOf } from './session-types'

export type OfficerChannel = Extract<
  keyof Handlers,
  `session.${string}` | `officers.${string}` | `approvals.${string}`
>
export type OfficerHandlers = Pick<Handlers, OfficerChannel>

/** The handlers of a channel the role table guards always get a session; this says so to TS. */
function signedIn(session: OfficerSession | null): OfficerSession {
  if (!session) throw officerError('E_NOT_SIGNED_IN', 'messages.officers.notSignedIn')
  return session
}

/** The contract's session, officers and approvals channels over the officer service. */
export function createOfficerHandlers(officers: OfficerService): OfficerHandlers {
  const { accounts } = officers
  /** After a supervisor changed an account: its sessions end, and the new summary is answered. */
  const changed = (officerId: string, reason: string) => {
    officers.endSessionsOf(officerId, reason)
    const record = accounts.byId(officerId)
    if (!record) throw officerError('E_OFFICER_REFUSED', 'messages.officers.unknownOfficer')
    return officers.summary(record)
  }
  return {
    'session.status': (_input, { session }) => ({
      setupRequired: officers.setupRequired(),
      session: session && sessionInfoOf(session),
      idleLockMinutes: officers.policy.idleLockMinutes,
    }),
    'session.setup': ({ code, ...officer }, { caller }) => officers.setUp(caller, code, officer),
    'session.signIn': ({ username, password }, { caller }) =>
      officers.signIn(caller, username, password),
    'session.signOut': (_input, { caller }) => ({
      signedOut: officers.signOut(caller, 'officer'),
    }),
    'session.lock': (_input, { caller }) => officers.lock(caller, 'idle'),
    'session.unlock': ({ password }, { caller }) => officers.unlock(caller, password),
    'session.touch': (_input, { session }) => ({ locked: signedIn(session).locked }),
    'session.changePassword': ({ currentPassword, newPassword }, { caller }) =>
      officers.changePassword(caller, currentPassword, newPassword),
    'officers.list': () => accounts.list(),
    'officers.add': async ({ role, ...officer }, { session }) =>
      officers.summary(await accounts.create({ ...officer, role }, signedIn(session).officerId)),
    'officers.unlock': ({ officerId }, { session }) =>
      officers.summary(accounts.unlock(signedIn(session).officerId, officerId)),
    'officers.disable': ({ officerId }, { session }) => {
      accounts.setDisabled(signedIn(session).officerId, officerId, true)
      return changed(officerId, 'disabled')
    },
    'officers.enable': ({ officerId }, { session }) =>
      officers.summary(accounts.setDisabled(signedIn(session).officerId, officerId, false)),
    'officers.resetPassword': async ({ officerId, temporaryPassword }, { session }) => {
      await accounts.resetPassword(signedIn(session).officerId, officerId, temporaryPassword)
      return changed(officerId, 'password-reset')
    },
    'officers.setRole': ({ officerId, role }, { session }) => {
      accounts.setRole(signedIn(session).officerId, officerId, role)
      return changed(officerId, 'role-changed')
    },
    'approvals.grant': (request, { session }) =>
      officers.approvals.grant(signedIn(session), request),
    'approvals.pending': (_input, { session }) =>
      officers.pendingApprovals(signedIn(session).officerId),
  }
}
