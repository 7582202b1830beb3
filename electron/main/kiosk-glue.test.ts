// The glue of kiosk-glue.ts with Electron faked: which window events reach which policy, and what
// each decision does to the app (quit, dialog, reload, power-save blocker).
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Reply, SessionStatus } from '../contract'

const electron = vi.hoisted(() => ({
  quit: vi.fn(),
  showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })),
  showErrorBox: vi.fn(),
  start: vi.fn(() => 7),
  stop: vi.fn(),
}))

vi.mock('electron', () => ({
  app: { quit: electron.quit },
  dialog: { showMessageBox: electron.showMessageBox, showErrorBox: electron.showErrorBox },
  powerSaveBlocker: { start: electron.start, stop: electron.stop },
}))

const { installKioskBehaviour } = await import('./kiosk-glue')

function fakeWindow() {
  const webContents = new EventEmitter()
  const win = Object.assign(new EventEmitter(), {
    webContents,
    isDestroyed: () => false,
    loadURL: vi.fn((_url: string) => Promise.resolve()),
  })
  return win
}

const supervisor: Reply<SessionStatus> = {
  ok: true,
  value: {
    setupRequired: false,
    session: {
      officerId: 'o-sup',
      username: 'chi-huy',
      displayName: 'Trần Văn Hùng',
      role: 'supervisor',
      locked: false,
      mustChangePassword: false,
    },
  } as SessionStatus,
}
const nobody: Reply<SessionStatus> = {
  ok: true,
  value: { setupRequired: false, session: null, idleLockMinutes: 2 },
}

function install(status: Reply<SessionStatus> = nobody) {
  const win = fakeWindow()
  const calls: string[] = []
  const audit = { append: vi.fn(), verify: vi.fn(), recent: vi.fn() }
  const awake = installKioskBehaviour({
    win: win as never,
    startUrl: 'app://kiosk/index.html',
    shortcuts: {
      supervisorExit: { control: true, alt: true, shift: true, meta: false, key: 'q' },
      development: false,
    },
    sessionStatus: () => Promise.resolve(status),
    lockSession: () => {
      calls.push('lock')
      return Promise.resolve()
    },
    audit: audit as never,
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  })
  win.loadURL.mockImplementation((url: string) => {
    calls.push(`load ${url}`)
    return Promise.resolve()
  })
  return { win, calls, audit, awake }
}

const key = (key: string, mods: Partial<Record<'control' | 'alt' | 'shift', boolean>> = {}) => ({
  type: 'keyDown',
  key,
  control: false,
  alt: false,
  shift: false,
  meta: false,
  ...mods,
})

function press(win: ReturnType<typeof fakeWindow>, input: ReturnType<typeof key>): boolean {
  const event = { preventDefault: vi.fn() }
  win.webContents.emit('before-input-event', event, input)
  return event.preventDefault.mock.calls.length > 0
}

const flush = () => new Promise((resolve) => setImmediate(resolve))

beforeEach(() => vi.clearAllMocks())

describe('kiosk glue', () => {
  it('swallows Alt+F4 and Ctrl+R, lets typing through', () => {
    const { win } = install()
    expect(press(win, key('F4', { alt: true }))).toBe(true)
    expect(press(win, key('r', { control: true }))).toBe(true)
    expect(press(win, key('a'))).toBe(false)
  })

  it('the exit chord quits for a signed-in supervisor, audited', async () => {
    const { win, audit } = install(supervisor)
    expect(press(win, key('Q', { control: true, alt: true, shift: true }))).toBe(true)
    await flush()
    expect(electron.quit).toHaveBeenCalledTimes(1)
    expect(audit.append).toHaveBeenCalledWith({ actor: 'o-sup', action: 'kiosk.supervisorExit' })
    expect(electron.showMessageBox).not.toHaveBeenCalled()
  })

  it('without a supervisor, the exit chord asks for one and the kiosk stays', async () => {
    const { win } = install(nobody)
    press(win, key('q', { control: true, alt: true, shift: true }))
    await flush()
    expect(electron.quit).not.toHaveBeenCalled()
    expect(electron.showMessageBox).toHaveBeenCalledTimes(1)
  })

  it('a crashed page locks the session, then reloads the start page; clean exits do nothing', async () => {
    const { win, calls, audit } = install()
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 })
    await flush()
    expect(calls).toEqual([])
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 })
    await flush()
    expect(calls).toEqual(['lock', 'load app://kiosk/index.html'])
    expect(audit.append).toHaveBeenCalledWith({
      actor: 'system',
      action: 'kiosk.rendererGone',
      details: { reason: 'crashed', exitCode: 11 },
    })
  })

  it('stops reloading after the fourth crash in a row and tells the officer', async () => {
    const { win, calls } = install()
    for (let i = 0; i < 4; i++)
      win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 })
    await flush()
    expect(calls.filter((c) => c.startsWith('load'))).toHaveLength(3)
    expect(electron.showErrorBox).toHaveBeenCalledTimes(1)
  })

  it('keeps the display awake while an enrollment is active; a crash or close releases it', () => {
    const { win, awake } = install()
    awake.observe('enrollment.start', {
      ok: true,
      value: { phase: 'active' },
    } as Reply<unknown>)
    expect(electron.start).toHaveBeenCalledWith('prevent-display-sleep')
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 })
    expect(electron.stop).toHaveBeenCalledWith(7)
    awake.observe('enrollment.current', { ok: true, value: { phase: 'active' } } as Reply<unknown>)
    win.emit('closed')
    expect(electron.stop).toHaveBeenCalledTimes(2)
  })
})
