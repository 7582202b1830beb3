import type { KioskClient } from '../../electron/contract'

declare global {
  interface Window {
    /** Set by Electron's preload; absent under the headless host. */
    kiosk?: KioskClient
  }
}
