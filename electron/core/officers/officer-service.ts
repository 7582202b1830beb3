import type { Approval, OfficerSummary, SessionInfo } from '../../contract'
import type { RandomBytes } from '../../../protocol/packet'
import type { AuditLog } from '../audit'
import type { Authorize } from '../dispatch'
import {
  createOfficerRepository,
  type OfficerRecord,
  type OfficerSealer,
  type SettingsRepository,
} from '../store'
import type { SqliteDatabase } from '../../../lib/sqlite/database'
import { createAccounts, type Accounts, type NewOfficer } from './accounts'
import { createAuthorize } from './access'
import { createApprovals, type Approvals } from './approvals'
import { officerError } from './officer-errors'
import type { OfficerPolicy } from './officer-settings'
import { sessionInfoOf, type Caller, type OfficerSession } from './session-types'
import { createSessionRegistry, type ConnectionKind, type SessionRegistry } from './sessions'
import { createSetupCodes, type SetupCodes } from './setup-code'

export interface OfficerServiceDeps {
  db: SqliteDatabase
  settings: SettingsRepository
  audit: AuditLog
  sealer: OfficerSealer
  policy: OfficerPolicy
  now: () => Date
  randomBytes: RandomBytes
  randomId: () => string
}

/** Accounts, the sessions of every window and socket, the setup code, approvals, access control. */
export interface OfficerService {
  readonly accounts: Accounts
  readonly sessions: SessionRegistry
  readonly setupCodes: SetupCodes
  readonly approvals: Approvals
  readonly policy: OfficerPolicy
  readonly authorize: Authorize
  setupRequired(): boolean
  /** With no officer yet, a fresh one-time code for the setup screen (the shell prints it). */
  issueSetupCode(): { code: string; expiresAt: string }
  /** The setup screen: the code, once, creates the first supervisor and signs them in. */
  setUp(caller: Caller, code: string, officer: Omit<NewOfficer, 'role'>): Promise<SessionInfo>
  signIn(caller: Caller, username: string, password: string): Promise<SessionInfo>
  signOut(caller: Caller, reason: 'officer' | 'disconnected'): boolean
  lock(caller: Caller, reason: 'idle' | 'officer'): SessionInfo
  unlock(caller: Caller, password: string): Promise<SessionInfo>
  changePassword(caller: Caller, current: string, next: string): Promise<SessionInfo>
  connect(kind: ConnectionKind): Caller
  disconnect(caller: Caller): void
  /** An account changed (disabled, role, password reset): its sessions end everywhere. */
  endSessionsOf(officerId: string, reason: string): void
  summary(record: OfficerRecord): OfficerSummary
  pendingApprovals(officerId: string): Approval[]
}

export function createOfficerService(deps: OfficerServiceDeps): OfficerService {
  return new Officers(deps)
}

class Officers implements OfficerService {
  readonly accounts: Accounts
  readonly sessions: SessionRegistry
  readonly setupCodes: SetupCodes
  readonly approvals: Approvals
  readonly policy: OfficerPolicy
  readonly authorize: Authorize
  private readonly audit: AuditLog
  private readonly now: () => Date

  constructor(deps: OfficerServiceDeps) {
    const { audit, policy, now } = deps
    this.audit = audit
    this.now = now
    this.policy = policy
    const repository = createOfficerRepository(deps.db, deps.sealer)
    this.accounts = createAccounts({ ...deps, repository })
    this.sessions = createSessionRegistry(deps.randomId)
    this.setupCodes = createSetupCodes(
      deps.settings,
      now,
      deps.randomBytes,
      policy.setupCodeMinutes,
    )
    this.approvals = createApprovals({
      accounts: this.accounts,
      audit,
      now,
      randomId: deps.randomId,
    })
    this.authorize = createAuthorize({
      sessions: this.sessions,
      audit,
      nowMs: () => now().getTime(),
      idleLockMs: policy.idleLockMinutes * 60_000,
      onIdleLock: (_caller, officerId) =>
        audit.append({ actor: officerId, action: 'session.idleLocked', details: { by: 'core' } }),
    })
  }

  private begin(caller: Caller, record: OfficerRecord): SessionInfo {
    const session: OfficerSession = {
      officerId: record.officerId,
      username: record.username,
      displayName: record.displayName,
      role: record.role,
      signedInAt: this.now().toISOString(),
      lastActivityMs: this.now().getTime(),
      locked: false,
      mustChangePassword: record.mustChangePassword,
    }
    const previous = this.sessions.begin(caller, session)
    if (previous)
      this.audit.append({
        actor: previous.officerId,
        action: 'officer.signedOut',
        details: { reason: 'replaced', by: record.officerId },
      })
    return sessionInfoOf(session)
  }

  private current(caller: Caller): OfficerSession {
    const session = this.sessions.session(caller)
    if (!session) throw officerError('E_NOT_SIGNED_IN', 'messages.officers.notSignedIn')
    return session
  }

  setupRequired(): boolean {
    return this.accounts.count() === 0
  }

  issueSetupCode(): { code: string; expiresAt: string } {
    if (this.accounts.count() > 0)
      throw officerError('E_SETUP_CODE', 'messages.officers.alreadySetUp')
    const issued = this.setupCodes.issue()
    const details = { expiresAt: issued.expiresAt }
    this.audit.append({ actor: 'system', action: 'setup.codeIssued', details })
    return issued
  }

  async setUp(
    caller: Caller,
    code: string,
    officer: Omit<NewOfficer, 'role'>,
  ): Promise<SessionInfo> {
    const configured = this.accounts.count() > 0
    if (configured || !this.setupCodes.consume(code)) {
      this.audit.append({ actor: 'anonymous', action: 'setup.refused' })
      throw officerError(
        'E_SETUP_CODE',
        configured ? 'messages.officers.alreadySetUp' : 'messages.officers.setupCodeInvalid',
      )
    }
    const record = await this.accounts.create({ ...officer, role: 'supervisor' }, 'setup')
    const details = { role: record.role }
    this.audit.append({ actor: record.officerId, action: 'officer.signedIn', details })
    return this.begin(caller, record)
  }

  async signIn(caller: Caller, username: string, password: string): Promise<SessionInfo> {
    return this.begin(caller, await this.accounts.authenticate(username, password))
  }

  signOut(caller: Caller, reason: 'officer' | 'disconnected'): boolean {
    const ended = this.sessions.end(caller)
    if (ended)
      this.audit.append({
        actor: ended.officerId,
        action: 'officer.signedOut',
        details: { reason },
      })
    return ended !== null
  }

  lock(caller: Caller, reason: 'idle' | 'officer'): SessionInfo {
    const session = this.current(caller)
    if (!session.locked) {
      session.locked = true
      const details = { by: reason }
      this.audit.append({ actor: session.officerId, action: 'session.idleLocked', details })
    }
    return sessionInfoOf(session)
  }

  async unlock(caller: Caller, password: string): Promise<SessionInfo> {
    const session = this.current(caller)
    if (!session.locked) return sessionInfoOf(session)
    await this.accounts.reauthenticate(session.officerId, password)
    // The account may have changed, or another officer signed in, while the password was checked.
    if (this.sessions.session(caller) !== session)
      throw officerError('E_NOT_SIGNED_IN', 'messages.officers.notSignedIn')
    session.locked = false
    session.lastActivityMs = this.now().getTime()
    this.audit.append({ actor: session.officerId, action: 'session.unlocked' })
    return sessionInfoOf(session)
  }

  async changePassword(
    caller: Caller,
    currentPassword: string,
    next: string,
  ): Promise<SessionInfo> {
    const session = this.current(caller)
    await this.accounts.changePassword(session.officerId, currentPassword, next)
    session.mustChangePassword = false
    return sessionInfoOf(session)
  }

  connect(kind: ConnectionKind): Caller {
    return this.sessions.connect(kind)
  }

  disconnect(caller: Caller): void {
    const ended = this.sessions.disconnect(caller)
    if (ended) {
      const details = { reason: 'disconnected' }
      this.audit.append({ actor: ended.officerId, action: 'officer.signedOut', details })
    }
  }

  endSessionsOf(officerId: string, reason: string): void {
    for (const caller of this.sessions.callersOf(officerId)) {
      this.sessions.end(caller)
      this.audit.append({ actor: officerId, action: 'officer.signedOut', details: { reason } })
    }
  }

  summary(record: OfficerRecord): OfficerSummary {
    return this.accounts.summary(record)
  }

  pendingApprovals(officerId: string): Approval[] {
    return this.approvals.pending(officerId)
  }
}
