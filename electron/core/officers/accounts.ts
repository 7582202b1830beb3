import type { OfficerRole, OfficerSummary } from '../../contract'
import type { RandomBytes } from '../../../protocol/packet'
import type { AuditLog } from '../audit'
import type { OfficerProfile, OfficerRecord, OfficerRepository } from '../store'
import { officerError, passwordPolicyError, signInFailed } from './officer-errors'
import type { OfficerPolicy } from './officer-settings'
import { hashPassword, makeDecoyHash, verifyPassword } from './password-hash'
import { passwordRefusal } from './password-policy'

export interface AccountDeps {
  repository: OfficerRepository
  audit: AuditLog
  policy: OfficerPolicy
  now: () => Date
  randomBytes: RandomBytes
  randomId: () => string
}

export interface NewOfficer extends OfficerProfile {
  role: OfficerRole
  password: string
}

/** Failures of usernames that do not exist, in memory: they lock exactly as a real account would. */
interface UnknownFailures {
  failedAttempts: number
  lockedUntil: number | null
}

export interface Accounts {
  count(): number
  /** Creates an account (the policy is checked); `by` is the supervisor, `setup` or `cli-init`. */
  create(officer: NewOfficer, by: string, mustChangePassword?: boolean): Promise<OfficerRecord>
  /** The officer for these credentials, or a KioskError (the same one for unknown and wrong). */
  authenticate(username: string, password: string): Promise<OfficerRecord>
  /** Checks a signed-in officer's own password again (unlock, change); counts failures too. */
  reauthenticate(officerId: string, password: string): Promise<OfficerRecord>
  changePassword(officerId: string, current: string, next: string): Promise<OfficerRecord>
  resetPassword(by: string, officerId: string, temporary: string): Promise<OfficerRecord>
  unlock(by: string, officerId: string): OfficerRecord
  setDisabled(by: string, officerId: string, disabled: boolean): OfficerRecord
  setRole(by: string, officerId: string, role: OfficerRole): OfficerRecord
  byId(officerId: string): OfficerRecord | undefined
  list(): OfficerSummary[]
  summary(record: OfficerRecord): OfficerSummary
}

/**
 * Officer accounts: creation under the password policy, sign-in with lockout after consecutive
 * failures, password change and supervisor reset, unlock, disable, role change. Every outcome is
 * in the audit log by officer id; never a password, never a username that does not exist.
 */
export function createAccounts(deps: AccountDeps): Accounts {
  return new OfficerAccounts(deps)
}

/**
 * The time an officer reads on the station's wall clock: Vietnam has one time zone (UTC+7), and a
 * kiosk's system clock is often left on UTC.
 */
const STATION_CLOCK = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Asia/Ho_Chi_Minh',
})

class OfficerAccounts implements Accounts {
  private readonly unknown = new Map<string, UnknownFailures>()
  private decoy: Promise<string> | null = null

  constructor(private readonly deps: AccountDeps) {}

  private get policy() {
    return this.deps.policy
  }

  private iso(): string {
    return this.deps.now().toISOString()
  }

  private lockedNow(r: { lockedUntil: string | null }): boolean {
    return r.lockedUntil !== null && Date.parse(r.lockedUntil) > this.deps.now().getTime()
  }

  private lockedError(until: string) {
    return officerError('E_ACCOUNT_LOCKED', 'messages.officers.accountLocked', {
      attempts: this.policy.maxFailedAttempts,
      until: STATION_CLOCK.format(new Date(until)),
    })
  }

  private mustFind(officerId: string): OfficerRecord {
    const record = this.deps.repository.byId(officerId)
    if (!record) throw officerError('E_OFFICER_REFUSED', 'messages.officers.unknownOfficer')
    return record
  }

  private async newHash(password: string, username: string): Promise<string> {
    const refusal = passwordRefusal(password, username)
    if (refusal) throw passwordPolicyError(refusal)
    return hashPassword(password, this.deps.randomBytes, this.policy.cost)
  }

  private audit(entry: Parameters<AuditLog['append']>[0]): void {
    this.deps.audit.append(entry)
  }

  /** One more failure for a known account; locks it on the last allowed one. */
  private recordFailure(officerId: string): never {
    const fresh = this.mustFind(officerId)
    const expired = fresh.lockedUntil !== null && !this.lockedNow(fresh)
    const failures = (expired ? 0 : fresh.failedAttempts) + 1
    const locks = failures >= this.policy.maxFailedAttempts
    const until = locks
      ? new Date(this.deps.now().getTime() + this.policy.lockoutMinutes * 60_000).toISOString()
      : null
    this.deps.repository.recordFailure(officerId, failures, until, this.iso())
    this.audit({ actor: officerId, action: 'officer.signInFailed', details: { failures } })
    if (!until) throw signInFailed()
    this.audit({
      actor: 'system',
      action: 'officer.locked',
      subject: officerId,
      details: { until },
    })
    throw this.lockedError(until)
  }

  /** An unknown username: the decoy hash costs the same time, and it locks like an account. */
  private async refuseUnknown(username: string, password: string): Promise<never> {
    this.decoy ??= makeDecoyHash(this.deps.randomBytes, this.policy.cost)
    await verifyPassword(password, await this.decoy)
    const at = this.deps.now().getTime()
    let entry = this.unknown.get(username) ?? { failedAttempts: 0, lockedUntil: null }
    if (entry.lockedUntil !== null && entry.lockedUntil <= at)
      entry = { failedAttempts: 0, lockedUntil: null }
    const failures = entry.failedAttempts + 1
    this.audit({ actor: 'anonymous', action: 'officer.signInFailed', details: { failures } })
    if (entry.lockedUntil !== null)
      throw this.lockedError(new Date(entry.lockedUntil).toISOString())
    entry.failedAttempts = failures
    if (failures >= this.policy.maxFailedAttempts)
      entry.lockedUntil = at + this.policy.lockoutMinutes * 60_000
    // Bounded: an attacker cycling names cannot grow the map without end.
    if (this.unknown.size > 10_000) this.unknown.clear()
    this.unknown.set(username, entry)
    if (entry.lockedUntil !== null)
      throw this.lockedError(new Date(entry.lockedUntil).toISOString())
    throw signInFailed()
  }

  private async checkPassword(record: OfficerRecord, password: string): Promise<OfficerRecord> {
    if (this.lockedNow(record)) {
      this.audit({
        actor: record.officerId,
        action: 'officer.signInRefused',
        details: { reason: 'locked' },
      })
      throw this.lockedError(record.lockedUntil ?? this.iso())
    }
    if (!(await verifyPassword(password, record.passwordHash))) this.recordFailure(record.officerId)
    if (record.disabled) {
      this.audit({
        actor: record.officerId,
        action: 'officer.signInRefused',
        details: { reason: 'disabled' },
      })
      throw officerError('E_ACCOUNT_DISABLED', 'messages.officers.accountDisabled')
    }
    if (record.failedAttempts > 0 || record.lockedUntil !== null)
      this.deps.repository.clearFailures(record.officerId, this.iso())
    return this.mustFind(record.officerId)
  }

  count(): number {
    return this.deps.repository.count()
  }

  async create(
    officer: NewOfficer,
    by: string,
    mustChangePassword = false,
  ): Promise<OfficerRecord> {
    if (this.deps.repository.byUsername(officer.username))
      throw officerError('E_OFFICER_REFUSED', 'messages.officers.usernameTaken')
    const passwordHash = await this.newHash(officer.password, officer.username)
    const officerId = this.deps.randomId()
    const { password: _password, ...profile } = officer
    this.deps.repository.insert({
      ...profile,
      officerId,
      passwordHash,
      mustChangePassword,
      createdBy: by,
      at: this.iso(),
    })
    this.audit({
      actor: by,
      action: 'officer.created',
      subject: officerId,
      details: { role: officer.role },
    })
    return this.mustFind(officerId)
  }

  async authenticate(username: string, password: string): Promise<OfficerRecord> {
    const record = this.deps.repository.byUsername(username)
    if (!record) return this.refuseUnknown(username, password)
    const signedIn = await this.checkPassword(record, password)
    this.audit({
      actor: signedIn.officerId,
      action: 'officer.signedIn',
      details: { role: signedIn.role },
    })
    return signedIn
  }

  reauthenticate(officerId: string, password: string): Promise<OfficerRecord> {
    return this.checkPassword(this.mustFind(officerId), password)
  }

  async changePassword(officerId: string, current: string, next: string): Promise<OfficerRecord> {
    const record = this.mustFind(officerId)
    if (!(await verifyPassword(current, record.passwordHash)))
      throw officerError('E_SIGN_IN_FAILED', 'messages.officers.currentPasswordWrong')
    const hash = await this.newHash(next, record.username)
    this.deps.repository.setPassword(officerId, hash, false, this.iso())
    this.audit({ actor: officerId, action: 'officer.passwordChanged', subject: officerId })
    return this.mustFind(officerId)
  }

  async resetPassword(by: string, officerId: string, temporary: string): Promise<OfficerRecord> {
    const record = this.mustFind(officerId)
    if (by === officerId) throw officerError('E_OFFICER_REFUSED', 'messages.officers.notYourself')
    const hash = await this.newHash(temporary, record.username)
    this.deps.repository.setPassword(officerId, hash, true, this.iso())
    this.deps.repository.clearFailures(officerId, this.iso())
    this.audit({ actor: by, action: 'officer.passwordReset', subject: officerId })
    return this.mustFind(officerId)
  }

  unlock(by: string, officerId: string): OfficerRecord {
    this.mustFind(officerId)
    this.deps.repository.clearFailures(officerId, this.iso())
    this.audit({ actor: by, action: 'officer.unlocked', subject: officerId })
    return this.mustFind(officerId)
  }

  setDisabled(by: string, officerId: string, disabled: boolean): OfficerRecord {
    const record = this.mustFind(officerId)
    if (by === officerId) throw officerError('E_OFFICER_REFUSED', 'messages.officers.notYourself')
    if (disabled && record.role === 'supervisor' && !record.disabled && this.lastSupervisor())
      throw officerError('E_OFFICER_REFUSED', 'messages.officers.lastSupervisor')
    this.deps.repository.setDisabled(officerId, disabled, this.iso())
    this.audit({
      actor: by,
      action: disabled ? 'officer.disabled' : 'officer.enabled',
      subject: officerId,
    })
    return this.mustFind(officerId)
  }

  setRole(by: string, officerId: string, role: OfficerRole): OfficerRecord {
    const record = this.mustFind(officerId)
    if (by === officerId) throw officerError('E_OFFICER_REFUSED', 'messages.officers.notYourself')
    if (record.role === 'supervisor' && role !== 'supervisor' && this.lastSupervisor())
      throw officerError('E_OFFICER_REFUSED', 'messages.officers.lastSupervisor')
    this.deps.repository.setRole(officerId, role, this.iso())
    const details = { from: record.role, to: role }
    this.audit({ actor: by, action: 'officer.roleChanged', subject: officerId, details })
    return this.mustFind(officerId)
  }

  private lastSupervisor(): boolean {
    return this.deps.repository.countActiveSupervisors() <= 1
  }

  byId(officerId: string): OfficerRecord | undefined {
    return this.deps.repository.byId(officerId)
  }

  list(): OfficerSummary[] {
    return this.deps.repository.list().map((r) => this.summary(r))
  }

  summary(r: OfficerRecord): OfficerSummary {
    const locked = this.lockedNow(r)
    return {
      officerId: r.officerId,
      username: r.username,
      displayName: r.displayName,
      policeId: r.policeId,
      role: r.role,
      state: r.disabled ? 'disabled' : locked ? 'locked' : 'active',
      mustChangePassword: r.mustChangePassword,
      lockedUntil: locked ? r.lockedUntil : null,
    }
  }
}
