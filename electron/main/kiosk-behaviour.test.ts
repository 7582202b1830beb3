// The kiosk's decisions that electron/main/index.ts wires to Electron: display kept awake during an
// enrollment, reload after a renderer crash, supervisor exit, single instance. Fakes stand in for
// powerSaveBlocker and app.
import { describe, expect, it } from 'vitest'
import type { Reply, SessionInfo, SessionStatus } from '../contract'
import { newEnrollmentState, viewOf } from '../core/enrollment'
import { createAwakePolicy, enrollmentActiveAfter, type PowerSaveBlocker } from './awake-policy'
import { createCrashPolicy } from './crash-policy'
import { claimSingleInstance, type SingleInstanceApp } from './single-instance'
import { supervisorExitDecision } from './supervisor-exit'

const ok = <T>(value: T): Reply<T> => ({ ok: true, value })
const failed = (code: 'E_ENROLLMENT_NONE' | 'E_INTERNAL'): Reply<never> => ({
  ok: false,
  error: { code, message: 'x' },
})

function view(phase: 'active' | 'submitted' | 'refused') {
  const state = newEnrollmentState({
    enrollmentId: 'e1',
    officerId: 'o1',
    appVersion: '0.1.0',
    startedAt: '2026-12-03T03:00:00.000Z',
    recreates: null,
  })
  return viewOf({ ...state, view: { ...state.view, phase } }, [])
}

function fakeBlocker() {
  const running = new Set<number>()
  let next = 1
  const calls: string[] = []
  const blocker: PowerSaveBlocker = {
    start(type) {
      calls.push(`start ${type}`)
      running.add(next)
      return next++
    },
    stop(id) {
      calls.push(`stop ${id}`)
      running.delete(id)
    },
  }
  return { blocker, running, calls }
}

describe('awake policy', () => {
  it('reads whether an enrollment is active from the enrollment replies', () => {
    expect(enrollmentActiveAfter('enrollment.start', ok(view('active')))).toBe(true)
    expect(enrollmentActiveAfter('enrollment.intent', ok(view('submitted')))).toBe(false)
    expect(enrollmentActiveAfter('enrollment.current', ok(null))).toBe(false)
    expect(enrollmentActiveAfter('enrollment.cancel', ok({ cancelled: true }))).toBe(false)
    expect(enrollmentActiveAfter('session.signOut', ok({ signedOut: true }))).toBe(false)
    expect(enrollmentActiveAfter('enrollment.intent', failed('E_ENROLLMENT_NONE'))).toBe(false)
    // Other replies and other failures say nothing about it.
    expect(enrollmentActiveAfter('devices.list', ok([]))).toBeNull()
    expect(enrollmentActiveAfter('enrollment.intent', failed('E_INTERNAL'))).toBeNull()
  })

  it('keeps the display awake from the start of an enrollment to its end, with one blocker', () => {
    const { blocker, running, calls } = fakeBlocker()
    const awake = createAwakePolicy(blocker)
    expect(awake.awake).toBe(false)
    awake.observe('enrollment.start', ok(view('active')))
    awake.observe('enrollment.intent', ok(view('active')))
    awake.observe('devices.list', ok([]))
    expect(awake.awake).toBe(true)
    expect(running.size).toBe(1)
    awake.observe('enrollment.intent', ok(view('submitted')))
    expect(awake.awake).toBe(false)
    expect(running.size).toBe(0)
    expect(calls).toEqual(['start prevent-display-sleep', 'stop 1'])
  })

  it('lets the display sleep when the window goes, and wakes again on a resumed draft', () => {
    const { blocker, running } = fakeBlocker()
    const awake = createAwakePolicy(blocker)
    awake.observe('enrollment.current', ok(view('active')))
    awake.release()
    expect(running.size).toBe(0)
    awake.release()
    awake.observe('enrollment.current', ok(view('active')))
    expect(running.size).toBe(1)
  })
})

describe('crash policy', () => {
  const clock = { t: 0, now: () => clock.t }

  it('reloads after each crash, gives up past the cap within the window, recovers after it', () => {
    clock.t = 0
    const policy = createCrashPolicy({ maxReloads: 3, windowMs: 60_000, now: clock.now })
    const crash = { reason: 'crashed', exitCode: 139 }
    expect(policy.decide(crash)).toEqual({ action: 'reload', attempt: 1 })
    clock.t = 10_000
    expect(policy.decide({ reason: 'oom', exitCode: 0 })).toEqual({ action: 'reload', attempt: 2 })
    clock.t = 20_000
    expect(policy.decide({ reason: 'killed', exitCode: 9 })).toEqual({
      action: 'reload',
      attempt: 3,
    })
    clock.t = 30_000
    expect(policy.decide(crash)).toEqual({ action: 'give-up', crashes: 4 })
    // A minute after the first crashes they no longer count.
    clock.t = 100_000
    expect(policy.decide(crash)).toEqual({ action: 'reload', attempt: 1 })
  })

  it('ignores a page that ended on purpose', () => {
    const policy = createCrashPolicy({ maxReloads: 0, windowMs: 1, now: () => 0 })
    expect(policy.decide({ reason: 'clean-exit', exitCode: 0 })).toEqual({ action: 'ignore' })
  })
})

describe('supervisor exit', () => {
  const session: SessionInfo = {
    officerId: 'o1',
    username: 'lan',
    displayName: 'Lan',
    role: 'supervisor',
    locked: false,
    mustChangePassword: false,
    signedInAt: '2026-12-03T03:00:00.000Z',
  }
  const status = (s: SessionInfo | null): Reply<SessionStatus> =>
    ok({ setupRequired: false, session: s, idleLockMinutes: 5 })

  it('quits for a supervisor signed in and unlocked, and asks for one otherwise', () => {
    expect(supervisorExitDecision(status(session))).toBe('quit')
    expect(supervisorExitDecision(status(null))).toBe('needs-supervisor')
    expect(supervisorExitDecision(status({ ...session, role: 'officer' }))).toBe('needs-supervisor')
    expect(supervisorExitDecision(status({ ...session, role: 'support' }))).toBe('needs-supervisor')
    expect(supervisorExitDecision(status({ ...session, locked: true }))).toBe('needs-supervisor')
    expect(supervisorExitDecision(status({ ...session, mustChangePassword: true }))).toBe(
      'needs-supervisor',
    )
    expect(supervisorExitDecision(failed('E_INTERNAL'))).toBe('needs-supervisor')
  })
})

describe('single instance', () => {
  function fakeApp(lockFree: boolean) {
    const listeners: (() => void)[] = []
    const state = { quit: 0 }
    const app: SingleInstanceApp = {
      requestSingleInstanceLock: () => lockFree,
      quit: () => void state.quit++,
      on: (_event, listener) => listeners.push(listener),
    }
    return { app, listeners, state }
  }

  it('the first start runs and is brought to the front by a second start', () => {
    const { app, listeners, state } = fakeApp(true)
    let fronted = 0
    expect(claimSingleInstance(app, () => void fronted++)).toBe(true)
    expect(state.quit).toBe(0)
    for (const listener of listeners) listener()
    expect(fronted).toBe(1)
  })

  it('a second start quits at once', () => {
    const { app, listeners, state } = fakeApp(false)
    expect(claimSingleInstance(app, () => undefined)).toBe(false)
    expect(state.quit).toBe(1)
    expect(listeners).toHaveLength(0)
  })
})
