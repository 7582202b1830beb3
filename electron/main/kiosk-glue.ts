// Electron glue of the kiosk behaviour: each function attaches one Electron event to a decision
// of the Electron-free policies beside it (shortcut-policy, crash-policy, awake-policy,
// supervisor-exit), which are unit-tested under Node.
import { app, dialog, powerSaveBlocker, type BrowserWindow } from 'electron'
import type { Reply, SessionStatus } from '../contract'
import type { Core, Logger } from '../core'
import { bilingualMessage } from '../../lib/messages'
import { createAwakePolicy, type AwakePolicy } from './awake-policy'
import { createCrashPolicy, DEFAULT_CRASH_LIMITS } from './crash-policy'
import { shortcutVerdict, type ShortcutPolicyOptions } from './shortcut-policy'
import { supervisorExitDecision } from './supervisor-exit'

export interface KioskGlueOptions {
  win: BrowserWindow
  /** The start page: it signs in (or unlocks) and resumes the saved draft. */
  startUrl: string
  shortcuts: ShortcutPolicyOptions
  /** This window's session, as the core sees it. */
  sessionStatus(): Promise<Reply<SessionStatus>>
  /** Locks this window's session (if any) so the reloaded page asks for the officer again. */
  lockSession(): Promise<unknown>
  audit: Core['audit']
  log: Logger
}

/** Swallows the shortcuts that would leave the kiosk; the supervisor exit chord asks first. */
function blockShortcuts(options: KioskGlueOptions): void {
  options.win.webContents.on('before-input-event', (event, input) => {
    const verdict = shortcutVerdict(input, options.shortcuts)
    if (verdict === 'allow') return
    event.preventDefault()
    if (verdict === 'supervisor-exit') void supervisorExit(options)
  })
}

async function supervisorExit(options: KioskGlueOptions): Promise<void> {
  const status = await options.sessionStatus()
  if (supervisorExitDecision(status) === 'quit') {
    const officerId = status.ok ? (status.value.session?.officerId ?? 'station') : 'station'
    options.audit.append({ actor: officerId, action: 'kiosk.supervisorExit' })
    app.quit()
    return
  }
  await dialog.showMessageBox(options.win, {
    type: 'info',
    title: bilingualMessage('messages.kiosk.exitTitle'),
    message: bilingualMessage('messages.kiosk.exitNeedsSupervisor'),
  })
}

/** A crashed page reloads to the start screen, locked; a page that keeps crashing stops. */
function recoverFromCrashes(options: KioskGlueOptions, awake: AwakePolicy): void {
  const policy = createCrashPolicy({ ...DEFAULT_CRASH_LIMITS, now: () => performance.now() })
  const { win, log, audit } = options
  win.webContents.on('render-process-gone', (_event, details) => {
    awake.release()
    const decision = policy.decide(details)
    if (decision.action === 'ignore' || win.isDestroyed()) return
    const { reason, exitCode } = details
    log.error('kiosk page gone', { reason, exitCode, action: decision.action })
    audit.append({ actor: 'system', action: 'kiosk.rendererGone', details: { reason, exitCode } })
    if (decision.action === 'give-up') {
      dialog.showErrorBox(
        bilingualMessage('messages.kiosk.crashTitle'),
        bilingualMessage('messages.kiosk.crashGaveUp', { crashes: decision.crashes }),
      )
      return
    }
    void options
      .lockSession()
      .then(() => win.loadURL(options.startUrl))
      .catch((error: unknown) => log.error('kiosk page reload failed', { error: String(error) }))
  })
}

/**
 * Attaches the kiosk behaviour to its window: blocked shortcuts, crash recovery, and the display
 * kept awake while an enrollment is in progress. The returned policy observes every reply.
 */
export function installKioskBehaviour(options: KioskGlueOptions): AwakePolicy {
  const awake = createAwakePolicy(powerSaveBlocker)
  blockShortcuts(options)
  recoverFromCrashes(options, awake)
  options.win.on('closed', () => awake.release())
  return awake
}
