import { createKioskClient, type KioskClient } from '../../../electron/contract'
import { createWebSocketTransport, type ConnectionStatus } from './websocket-transport'

export interface KioskConnection {
  client: KioskClient
  /** Electron IPC is always up; the host bridge reports its socket's state. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void
}

/** Reads the host's per-run token from the URL fragment (`#token=…`), never sent to a server. */
export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token')
}

/**
 * The one client, whatever the shell: Electron's preload provides `window.kiosk`; under the
 * headless host the page builds the same client over the WebSocket bridge.
 */
export function connectToKiosk(win: Window): KioskConnection | null {
  if (win.kiosk) {
    return {
      client: win.kiosk,
      onStatus(listener) {
        listener('open')
        return () => undefined
      },
    }
  }
  const token = tokenFromHash(win.location.hash)
  if (!token || win.location.protocol !== 'http:') return null
  const transport = createWebSocketTransport({ baseUrl: `ws://${win.location.host}`, token })
  return { client: createKioskClient(transport), onStatus: transport.onStatus }
}
