import { createHash } from 'node:crypto'
import type { Approval, ApprovalException } from '../../contract'
import type { AuditLog } from '../audit'
import type { Accounts } from './accounts'
import { officerError } from './officer-errors'
import type { OfficerSession } from './session-types'

export interface ApprovalRequest {
  username: string
  password: string
  exception: ApprovalException
  reason: string
}

/**
 * Supervisor approvals of named exceptions, held per officer for the enrollment in progress (so a
 * draft left behind an idle lock keeps its approvals) until a submitted file takes them into its
 * signed manifest.
 */
export interface Approvals {
  grant(session: OfficerSession, request: ApprovalRequest): Promise<Approval>
  pending(officerId: string): Approval[]
  /** The officer's approvals, removed: they now belong to file `fileId` (audited per approval). */
  takeFor(officerId: string, fileId: string): Approval[]
}

export function createApprovals(deps: {
  accounts: Accounts
  audit: AuditLog
  now: () => Date
  randomId: () => string
}): Approvals {
  const held = new Map<string, Approval[]>()
  return {
    async grant(session, request) {
      // The supervisor's own credentials, with the same lockout as a sign-in.
      const supervisor = await deps.accounts.authenticate(request.username, request.password)
      if (supervisor.role !== 'supervisor' || supervisor.officerId === session.officerId) {
        deps.audit.append({
          actor: supervisor.officerId,
          action: 'approval.refused',
          details: { exception: request.exception, officer: session.officerId },
        })
        throw officerError('E_FORBIDDEN_ROLE', 'messages.officers.approverNotSupervisor')
      }
      const approval: Approval = {
        approvalId: deps.randomId(),
        supervisorId: supervisor.officerId,
        supervisorName: supervisor.displayName,
        exception: request.exception,
        reason: request.reason,
        at: deps.now().toISOString(),
      }
      const others = (held.get(session.officerId) ?? []).filter(
        (a) => a.exception !== request.exception,
      )
      held.set(session.officerId, [...others, approval])
      // The reason is the supervisor's free text (it may name the citizen): it goes into the
      // encrypted file; the clear log keeps its SHA-256, which proves which reason was approved.
      deps.audit.append({
        actor: supervisor.officerId,
        action: 'approval.granted',
        subject: approval.approvalId,
        details: {
          exception: approval.exception,
          officer: session.officerId,
          reasonSha256: createHash('sha256').update(approval.reason, 'utf8').digest('hex'),
        },
      })
      return approval
    },
    pending: (officerId) => [...(held.get(officerId) ?? [])],
    takeFor(officerId, fileId) {
      const approvals = held.get(officerId) ?? []
      held.delete(officerId)
      for (const approval of approvals)
        deps.audit.append({
          actor: approval.supervisorId,
          action: 'approval.recorded',
          subject: fileId,
          details: {
            approvalId: approval.approvalId,
            exception: approval.exception,
            officer: officerId,
          },
        })
      return approvals
    },
  }
}
