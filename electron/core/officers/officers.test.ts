import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { KioskError } from '../../contract'
import { createCore, type Core } from '../core'
import { submitWithApprovals } from '../core-officers'
import type { QueueServices, SubmitInput } from '../queue'
import { TEST_PASSWORD_COST, tempKioskConfig } from '../test-support'
import type { Caller } from './session-types'

const PASSWORD = 'sông Hồng chảy về biển'
const START = Date.parse('2026-12-02T08:00:00.000Z')
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A core on a virtual clock, with a supervisor `chi-huy` and an officer `can-bo`. */
async function station(): Promise<{ core: Core; clock: { ms: number }; dataDir: string }> {
  const clock = { ms: START }
  const { config, cleanup } = tempKioskConfig()
  cleanups.push(cleanup)
  const core = await createCore(config, {
    shell: 'host',
    now: () => new Date(clock.ms),
    passwordCost: TEST_PASSWORD_COST,
  })
  cleanups.push(() => core.close())
  const { accounts } = core.officers
  await accounts.create(
    {
      username: 'chi-huy',
      displayName: 'Trần Văn Hùng',
      policeId: 'Thiếu tá',
      role: 'supervisor',
      password: PASSWORD,
    },
    'setup',
  )
  await accounts.create(
    {
      username: 'can-bo',
      displayName: 'Nguyễn Thị Lan',
      policeId: '',
      role: 'officer',
      password: PASSWORD,
    },
    'setup',
  )
  return { core, clock, dataDir: config.dataDir }
}

async function refusal(promise: Promise<unknown>): Promise<KioskError> {
  try {
    await promise
  } catch (error) {
    return error as KioskError
  }
  throw new Error('expected a refusal')
}

const signIn = (core: Core, caller: Caller, username: string, password = PASSWORD) =>
  core.officers.signIn(caller, username, password)

describe('sign-in and lockout (virtual clock)', () => {
  it('locks after 5 consecutive failures for 15 minutes; the same message for an unknown user', async () => {
    const { core, clock } = await station()
    const caller = core.connect('cli')
    for (let i = 1; i <= 4; i++) {
      const error = await refusal(signIn(core, caller, 'can-bo', 'sai mật khẩu rồi'))
      expect(error.code).toBe('E_SIGN_IN_FAILED')
      expect(error.sentence?.key).toBe('messages.officers.signInFailed')
    }
    const unknown = await refusal(signIn(core, caller, 'khong-co-ai', 'sai mật khẩu rồi'))
    expect([unknown.code, unknown.sentence]).toEqual([
      'E_SIGN_IN_FAILED',
      { key: 'messages.officers.signInFailed' },
    ])
    const fifth = await refusal(signIn(core, caller, 'can-bo', 'sai mật khẩu rồi'))
    expect(fifth.code).toBe('E_ACCOUNT_LOCKED')
    // 08:15 UTC on the virtual clock, told in Vietnam's time.
    expect(fifth.sentence?.params).toEqual({ attempts: 5, until: '15:15' })
    // Locked: even the right password is refused, until the lock ends.
    expect((await refusal(signIn(core, caller, 'can-bo'))).code).toBe('E_ACCOUNT_LOCKED')
    clock.ms += 15 * 60_000 - 1
    expect((await refusal(signIn(core, caller, 'can-bo'))).code).toBe('E_ACCOUNT_LOCKED')
    clock.ms += 1
    expect(await signIn(core, caller, 'can-bo')).toMatchObject({ role: 'officer', locked: false })
    const actions = core.audit.recent(30).map((e) => e.action)
    expect(actions).toContain('officer.locked')
    expect(actions).toContain('officer.signedIn')
  })

  it('audits every failed sign-in and the lockout by officer id, never the username or password', async () => {
    const { core } = await station()
    const caller = core.connect('cli')
    for (let i = 1; i <= 5; i++) await refusal(signIn(core, caller, 'can-bo', 'sai mật khẩu rồi'))
    await refusal(signIn(core, caller, 'khong-co-ai', 'sai mật khẩu rồi'))
    const entries = core.audit.recent(30)
    const failed = entries.filter((e) => e.action === 'officer.signInFailed').reverse()
    const officerId = failed[0]?.actor
    expect(officerId).toMatch(/\S/)
    expect(failed.map((e) => [e.actor, e.details?.failures])).toEqual([
      [officerId, 1],
      [officerId, 2],
      [officerId, 3],
      [officerId, 4],
      [officerId, 5],
      ['anonymous', 1],
    ])
    expect(entries.find((e) => e.action === 'officer.locked')).toMatchObject({
      actor: 'system',
      subject: officerId,
    })
    const logged = JSON.stringify(entries)
    expect(logged).not.toContain('sai mật khẩu')
    expect(logged).not.toContain('khong-co-ai')
  })

  it('locks an unknown username exactly like a real one, so the answers never tell them apart', async () => {
    const { core } = await station()
    const caller = core.connect('cli')
    const codes = []
    for (let i = 0; i < 6; i++)
      codes.push((await refusal(signIn(core, caller, 'ma-gia', 'sai mật khẩu rồi'))).code)
    expect(codes).toEqual([
      ...Array(4).fill('E_SIGN_IN_FAILED'),
      'E_ACCOUNT_LOCKED',
      'E_ACCOUNT_LOCKED',
    ])
  })

  it('counts only consecutive failures, and a supervisor unlocks early', async () => {
    const { core } = await station()
    const caller = core.connect('cli')
    for (let i = 0; i < 4; i++) await refusal(signIn(core, caller, 'can-bo', 'sai mật khẩu rồi'))
    await signIn(core, caller, 'can-bo')
    for (let i = 0; i < 4; i++)
      expect((await refusal(signIn(core, caller, 'can-bo', 'sai mật khẩu rồi'))).code).toBe(
        'E_SIGN_IN_FAILED',
      )
    expect((await refusal(signIn(core, caller, 'can-bo', 'sai mật khẩu rồi'))).code).toBe(
      'E_ACCOUNT_LOCKED',
    )
    const officer = core.officers.accounts.list().find((o) => o.username === 'can-bo')!
    expect(officer.state).toBe('locked')
    const supervisor = core.officers.accounts.list().find((o) => o.username === 'chi-huy')!
    expect(
      core.officers.accounts.unlock(supervisor.officerId, officer.officerId).lockedUntil,
    ).toBeNull()
    expect(await signIn(core, caller, 'can-bo')).toMatchObject({ username: 'can-bo' })
    expect(core.audit.recent(5).map((e) => e.action)).toContain('officer.unlocked')
  })

  it('refuses a disabled account (with the right password) and never writes a password anywhere', async () => {
    const { core, dataDir } = await station()
    const byName = (name: string) => core.officers.accounts.list().find((o) => o.username === name)!
    core.officers.accounts.setDisabled(
      byName('chi-huy').officerId,
      byName('can-bo').officerId,
      true,
    )
    const caller = core.connect('cli')
    expect((await refusal(signIn(core, caller, 'can-bo'))).code).toBe('E_ACCOUNT_DISABLED')
    await refusal(signIn(core, caller, 'can-bo', 'một mật khẩu sai khác'))
    await core.close()
    const secrets = [PASSWORD, 'một mật khẩu sai khác', 'Nguyễn Thị Lan', 'can-bo', 'chi-huy'].map(
      (text) => Buffer.from(text.normalize('NFC'), 'utf8'),
    )
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? files(path) : [path]
      })
    const all = files(dataDir)
    expect(all.some((f) => f.endsWith('kiosk.sqlite'))).toBe(true)
    for (const file of all) {
      const bytes = readFileSync(file)
      for (const secret of secrets) expect(bytes.includes(secret), `${file}`).toBe(false)
    }
  })
})

describe('sessions in the core', () => {
  it('locks an idle session, opens it with the same password, and lets another officer take over', async () => {
    const { core, clock } = await station()
    const caller = core.connect('cli')
    await signIn(core, caller, 'can-bo')
    expect(await core.dispatch('devices.list', {}, caller)).toMatchObject({ ok: true })
    clock.ms += 2 * 60_000 + 1
    expect(await core.dispatch('devices.list', {}, caller)).toMatchObject({
      ok: false,
      error: { code: 'E_SESSION_LOCKED' },
    })
    expect(
      await core.dispatch('session.unlock', { password: 'không phải nó' }, caller),
    ).toMatchObject({
      ok: false,
      error: { code: 'E_SIGN_IN_FAILED' },
    })
    expect(await core.dispatch('session.unlock', { password: PASSWORD }, caller)).toMatchObject({
      ok: true,
      value: { username: 'can-bo', locked: false },
    })
    expect(await core.dispatch('devices.list', {}, caller)).toMatchObject({ ok: true })
    await core.dispatch('session.lock', {}, caller)
    const other = await core.dispatch(
      'session.signIn',
      { username: 'chi-huy', password: PASSWORD },
      caller,
    )
    expect(other).toMatchObject({ ok: true, value: { username: 'chi-huy', locked: false } })
    const actions = core.audit.recent(12).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['session.idleLocked', 'session.unlocked', 'officer.signedOut']),
    )
  })

  it('ends every session of an officer whose password a supervisor reset; the next sign-in must change it', async () => {
    const { core } = await station()
    const officerCaller = core.connect('cli')
    await signIn(core, officerCaller, 'can-bo')
    const supervisorCaller = core.connect('cli')
    await signIn(core, supervisorCaller, 'chi-huy')
    const target = core.officers.accounts.list().find((o) => o.username === 'can-bo')!
    const reset = await core.dispatch(
      'officers.resetPassword',
      { officerId: target.officerId, temporaryPassword: 'mật khẩu tạm thời 2026' },
      supervisorCaller,
    )
    expect(reset).toMatchObject({ ok: true, value: { mustChangePassword: true } })
    expect(await core.dispatch('devices.list', {}, officerCaller)).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_SIGNED_IN' },
    })
    await signIn(core, officerCaller, 'can-bo', 'mật khẩu tạm thời 2026')
    expect(await core.dispatch('devices.list', {}, officerCaller)).toMatchObject({
      ok: false,
      error: { code: 'E_PASSWORD_CHANGE_REQUIRED' },
    })
    const common = await core.dispatch(
      'session.changePassword',
      { currentPassword: 'mật khẩu tạm thời 2026', newPassword: 'matkhau123' },
      officerCaller,
    )
    expect(common).toMatchObject({
      ok: false,
      error: { code: 'E_PASSWORD_POLICY', messageKey: 'messages.officers.password.common' },
    })
    const changed = await core.dispatch(
      'session.changePassword',
      { currentPassword: 'mật khẩu tạm thời 2026', newPassword: 'một mật khẩu mới dài' },
      officerCaller,
    )
    expect(changed).toMatchObject({ ok: true, value: { mustChangePassword: false } })
    expect(await core.dispatch('devices.list', {}, officerCaller)).toMatchObject({ ok: true })
  })
})

describe('first-run setup code', () => {
  it('is valid once and for a short time, and only while the station has no officer', async () => {
    const clock = { ms: START }
    const { config, cleanup } = tempKioskConfig()
    cleanups.push(cleanup)
    const core = await createCore(config, {
      shell: 'host',
      now: () => new Date(clock.ms),
      passwordCost: TEST_PASSWORD_COST,
    })
    cleanups.push(() => core.close())
    const caller = core.connect('socket')
    const officer = {
      username: 'chi-huy',
      displayName: 'Trần Văn Hùng',
      policeId: '',
      password: PASSWORD,
    }
    const setup = (code: string) => core.dispatch('session.setup', { code, ...officer }, caller)
    expect(await core.dispatch('session.status', {}, caller)).toMatchObject({
      ok: true,
      value: { setupRequired: true, session: null, idleLockMinutes: 2 },
    })
    const expired = core.officers.issueSetupCode()
    clock.ms += 15 * 60_000
    expect(await setup(expired.code)).toMatchObject({ ok: false, error: { code: 'E_SETUP_CODE' } })
    const { code } = core.officers.issueSetupCode()
    expect(await setup('AAAAA-BBBBB')).toMatchObject({ ok: false, error: { code: 'E_SETUP_CODE' } })
    expect(await setup(code.toLowerCase())).toMatchObject({
      ok: true,
      value: { username: 'chi-huy', role: 'supervisor' },
    })
    expect(await setup(code)).toMatchObject({
      ok: false,
      error: { code: 'E_SETUP_CODE', messageKey: 'messages.officers.alreadySetUp' },
    })
    expect(() => core.officers.issueSetupCode()).toThrow(/E_SETUP_CODE/)
    expect(core.audit.recent(20).map((e) => e.action)).toContain('setup.refused')
  })
})

describe('supervisor approval', () => {
  it('needs another, active supervisor; the approval waits with the officer for the file', async () => {
    const { core } = await station()
    const caller = core.connect('cli')
    await signIn(core, caller, 'can-bo')
    const request = { exception: 'missing-finger', reason: 'Ngón trỏ trái bị thương' }
    expect(
      await core.dispatch(
        'approvals.grant',
        { username: 'can-bo', password: PASSWORD, ...request },
        caller,
      ),
    ).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_ROLE' } })
    const granted = await core.dispatch(
      'approvals.grant',
      { username: 'chi-huy', password: PASSWORD, ...request },
      caller,
    )
    expect(granted).toMatchObject({
      ok: true,
      value: {
        exception: 'missing-finger',
        supervisorName: 'Trần Văn Hùng',
        reason: request.reason,
      },
    })
    expect(await core.dispatch('approvals.pending', {}, caller)).toMatchObject({
      ok: true,
      value: [{ exception: 'missing-finger' }],
    })
    const entry = core.audit.recent(3).find((e) => e.action === 'approval.granted')!
    // The reason is free text: it goes into the encrypted file, not the clear log.
    expect(JSON.stringify(entry)).not.toContain('thương')
    expect(entry.details).toMatchObject({
      exception: 'missing-finger',
      reasonSha256: createHash('sha256').update(request.reason, 'utf8').digest('hex'),
    })
  })

  it('hands the approvals to the submitted file: manifest input, then the audit with the file id', async () => {
    const { core } = await station()
    const caller = core.connect('cli')
    const officer = await signIn(core, caller, 'can-bo')
    await core.dispatch(
      'approvals.grant',
      { username: 'chi-huy', password: PASSWORD, exception: 'no-chip-card', reason: 'Thẻ cũ' },
      caller,
    )
    const submitted: SubmitInput[] = []
    const queue = {
      submit: (input: SubmitInput) => {
        submitted.push(input)
        return { fileId: 'file-1', sha256: 'a', size: 1, submittedAt: 'now' }
      },
    } as unknown as QueueServices
    submitWithApprovals(queue, core.officers, {
      officerId: officer.officerId,
      startedAt: '2026-12-02T08:00:00.000Z',
      parts: [],
      simulated: true,
    })
    expect(submitted[0]!.approvals).toEqual([
      expect.objectContaining({ exception: 'no-chip-card', reason: 'Thẻ cũ' }),
    ])
    expect(submitted[0]!.approvals![0]).not.toHaveProperty('supervisorName')
    expect(core.audit.recent(1)[0]).toMatchObject({
      action: 'approval.recorded',
      subject: 'file-1',
      details: { exception: 'no-chip-card', officer: officer.officerId },
    })
    expect(core.officers.pendingApprovals(officer.officerId)).toEqual([])
  })
})
