import type { BrowserWindowConstructorOptions } from 'electron'

export interface KioskWindowInput {
  /** Packaged builds run fullscreen in kiosk mode with no devtools. */
  packaged: boolean
  preloadPath: string
}

/** The kiosk window's options, kept free of Electron imports so tests can check them under Node. */
export function createKioskWindowOptions({
  packaged,
  preloadPath,
}: KioskWindowInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#f4f6f8',
    autoHideMenuBar: true,
    kiosk: packaged,
    fullscreen: packaged,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      experimentalFeatures: false,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !packaged,
      safeDialogs: true,
    },
  }
}
