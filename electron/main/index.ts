// Electron glue only: every decision lives in Electron-free modules (core, window-options,
// permissions, origin, ipc-router) that are unit-tested under plain Node.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  type IpcMainInvokeEvent,
} from 'electron'
import {
  errorMessage,
  ipcChannel,
  requestChannels,
  type Reply,
  type SessionStatus,
} from '../contract'
import {
  cameraSwitchesFor,
  configFlagsFromArgv,
  contentSecurityPolicy,
  contentTypeFor,
  createCore,
  createStderrLogger,
  loadConfig,
  loadNativeModulesFrom,
  resolveStaticPath,
  supervisorExitChord,
  type Core,
} from '../core'
import { passphraseFileFlag, passphraseSourceOf } from '../core/keys'
import { installProcessGuard } from '../../lib/process-guard'
import { bilingualMessage } from '../../lib/messages'
import { startTrainingUpstreamFor, type RunningTrainingUpstream } from '../../upstream/training'
import { createIpcRouter } from './ipc-router'
import { installKioskBehaviour } from './kiosk-glue'
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  isAllowedNavigation,
  isAllowedRequest,
  originOf,
} from './origin'
import { createPermissionPolicy } from './permissions'
import { shippedResourcesDir } from './resources-dir'
import { claimSingleInstance } from './single-instance'
import { createKioskWindowOptions } from './window-options'

const log = createStderrLogger()
// A rejection or exception nobody caught is logged and the kiosk carries on serving the officer:
// without a listener Node would end the process (and the enrollment in progress) on the first one.
installProcessGuard({ target: process, log })
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const appOrigin = devServerUrl ? (originOf(devServerUrl) ?? APP_ORIGIN) : APP_ORIGIN
const rendererRoot = join(import.meta.dirname, '../renderer')
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
const startUrl = devServerUrl ?? `${APP_ORIGIN}/index.html`
// node_modules holds the add-ons built for Node (tests, CLI); Electron loads its own builds.
loadNativeModulesFrom(join(app.getAppPath(), 'native', 'electron-abi'))

const appLocation = () => ({
  packaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
})

const configOptions = () => ({
  flags: configFlagsFromArgv(process.argv.slice(1)),
  defaults: {
    dataDir: app.getPath('userData'),
    devices: app.isPackaged ? ('auto' as const) : ('simulated' as const),
  },
})

/** Before app.ready: on simulated devices the camera is Chromium's fake device (resources/camera). */
function appendCameraSwitches(): void {
  let devices
  try {
    devices = loadConfig(configOptions()).config.devices
  } catch {
    return // a bad configuration is reported once the app is ready
  }
  const { switches, warning } = cameraSwitchesFor(devices, process.env)
  if (warning) log.warn('simulated camera without its video', { warning })
  for (const [name, value] of switches) app.commandLine.appendSwitch(name, value)
}
appendCameraSwitches()

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
])

let kioskWindow: BrowserWindow | null = null
// A second start brings the running kiosk to the front and quits (single-instance.ts).
const firstInstance = claimSingleInstance(app, () => {
  if (kioskWindow?.isMinimized()) kioskWindow.restore()
  kioskWindow?.focus()
})

if (firstInstance) {
  let core: Core | null = null
  let training: RunningTrainingUpstream | null = null

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, appOrigin)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, appOrigin)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => {
    void core?.close().then(() => training?.close())
  })

  app
    .whenReady()
    .then(async () => {
      const { config } = loadConfig(configOptions())
      // No upstream configured: the training upstream runs in-process on loopback.
      training = config.upstreamUrl === null ? await startTrainingUpstreamFor(config.dataDir) : null
      core = await createCore(config, {
        shell: 'electron',
        log,
        backgroundSync: true,
        // The CSCA trust list ships with the app (resources/trust, beside app.asar once installed).
        card: { trustDir: join(shippedResourcesDir(appLocation()), 'trust') },
        // What safeStorage offers (on Linux, which backend): the core decides whether it will do.
        keyProtection: electronKeyProtection(),
        ...(training ? { upstream: training.target } : {}),
      })
      // No officer yet: the setup screen's one-time code, printed on the station's console only.
      if (core.officers.setupRequired()) {
        const { code, expiresAt } = core.officers.issueSetupCode()
        process.stdout.write(
          `${bilingualMessage('cli.text.setupCode', { code, expires: expiresAt })}\n`,
        )
      }
      hardenSession()
      serveRenderer()
      kioskWindow = createKioskWindow(core)
    })
    .catch((error: unknown) => {
      const detail = errorMessage(error)
      log.error('kiosk failed to start', { error: detail })
      dialog.showErrorBox('Không khởi động được trạm / The kiosk could not start', detail)
      app.exit(1)
    })

  function electronKeyProtection() {
    const passphrase = passphraseSourceOf(
      passphraseFileFlag(process.argv.slice(1)),
      process.env,
      null,
    )
    return {
      safeStorage: {
        available: safeStorage.isEncryptionAvailable(),
        backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
        encryptor: safeStorage,
      },
      ...(passphrase ? { passphrase } : {}),
    }
  }

  function hardenSession(): void {
    const policy = createPermissionPolicy(appOrigin)
    const ses = session.defaultSession
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
      const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined
      callback(
        policy.request(permission, {
          requestingUrl: details.requestingUrl,
          ...(mediaTypes ? { mediaTypes } : {}),
        }),
      )
    })
    ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
      policy.check(permission, requestingOrigin, details.mediaType),
    )
    ses.setDevicePermissionHandler(() => false)
    ses.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !isAllowedRequest(details.url, appOrigin) })
    })
    if (devServerUrl) {
      // app:// responses carry the CSP from serveRenderer(); the Vite dev server's need it added.
      const csp = contentSecurityPolicy({
        devServer: true,
        connectSrc: [appOrigin.replace('http://', 'ws://')],
      })
      ses.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
        })
      })
    }
  }

  function serveRenderer(): void {
    const csp = contentSecurityPolicy()
    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url)
      const file = url.host === APP_HOST ? resolveStaticPath(rendererRoot, url.pathname) : null
      if (!file) return new Response('Not found', { status: 404 })
      try {
        const body = await readFile(file)
        return new Response(body, {
          headers: { 'content-type': contentTypeFor(file), 'content-security-policy': csp },
        })
      } catch {
        return new Response('Not found', { status: 404 })
      }
    })
  }

  /** Blocked shortcuts, the supervisor exit, crash reloads and the display kept awake. */
  function attachKioskBehaviour(
    win: BrowserWindow,
    kioskCore: Core,
    caller: ReturnType<Core['connect']>,
  ) {
    return installKioskBehaviour({
      win,
      startUrl,
      shortcuts: {
        supervisorExit: supervisorExitChord(kioskCore.config.kiosk),
        development: !app.isPackaged,
      },
      sessionStatus: () =>
        kioskCore.dispatch('session.status', undefined, caller) as Promise<Reply<SessionStatus>>,
      lockSession: () => kioskCore.dispatch('session.lock', undefined, caller),
      audit: kioskCore.audit,
      log,
    })
  }

  function createKioskWindow(kioskCore: Core): BrowserWindow {
    const win = new BrowserWindow(
      createKioskWindowOptions({ packaged: app.isPackaged, preloadPath }),
    )
    // The window is one connection of the core: its officer session lives there, bound to it.
    const caller = kioskCore.connect('window')
    const awake = attachKioskBehaviour(win, kioskCore, caller)
    const router = createIpcRouter({
      dispatch: (channel, payload) => kioskCore.dispatch(channel, payload, caller),
      isKioskWebContents: (id) => !win.isDestroyed() && win.webContents.id === id,
      appOrigin,
    })
    for (const channel of requestChannels) {
      ipcMain.handle(ipcChannel(channel), async (event: IpcMainInvokeEvent, payload: unknown) => {
        const reply = await router.handle(
          channel,
          {
            webContentsId: event.sender.id,
            frameUrl: event.senderFrame?.url,
            isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
          },
          payload,
        )
        // The display stays awake while this window has an enrollment in progress.
        awake.observe(channel, reply)
        return reply
      })
    }
    // Events with citizen data name their connection: this window gets only its own.
    const stopEvents = kioskCore.onEvent((name, payload, to) => {
      if (to !== undefined && to !== caller.connectionId) return
      if (!win.isDestroyed()) win.webContents.send(ipcChannel(name), payload)
    })
    win.on('closed', () => {
      stopEvents()
      kioskCore.disconnect(caller)
      for (const channel of requestChannels) ipcMain.removeHandler(ipcChannel(channel))
    })
    win.once('ready-to-show', () => win.show())
    win.loadURL(startUrl).catch((error: unknown) => {
      log.error('kiosk page failed to load', {
        error: errorMessage(error),
      })
    })
    return win
  }
}
