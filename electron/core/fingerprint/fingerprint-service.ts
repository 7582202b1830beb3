import type { PacketPartInput } from '../../../protocol/packet'
import type { FingerprintSession } from '../../contract'
import type { EventListener } from '../event-bus'
import {
  FingerprintSessionState,
  type FingerprintSessionDeps,
  type FingerprintSummary,
} from './fingerprint-session'

export type FingerprintServiceDeps = Omit<FingerprintSessionDeps, 'emit'> & {
  /** The core's event bus: session events go to the connection named. */
  emit: EventListener
}

/** Each window's or socket's fingers, made on first use and dropped when it disconnects. */
export interface FingerprintService {
  session(connectionId: string): FingerprintSessionState
  /** The file's finger parts: one ISO/IEC 19794-4 record per captured finger. */
  fingerParts(connectionId: string): Promise<PacketPartInput[]>
  summary(connectionId: string): FingerprintSummary
  reset(connectionId: string): FingerprintSession
  /** The connection closed: its fingers go with it (and its scanner is released). */
  forget(connectionId: string): void
  close(): Promise<void>
}

export function createFingerprintService(deps: FingerprintServiceDeps): FingerprintService {
  const sessions = new Map<string, FingerprintSessionState>()
  const session = (connectionId: string) => {
    let s = sessions.get(connectionId)
    if (!s) {
      s = new FingerprintSessionState({
        ...deps,
        emit: (event, payload) => deps.emit(event, payload, connectionId),
      })
      sessions.set(connectionId, s)
    }
    return s
  }
  return {
    session,
    fingerParts: (connectionId) => session(connectionId).fingerParts(),
    summary: (connectionId) => session(connectionId).summary(),
    reset: (connectionId) => session(connectionId).reset(),
    forget(connectionId) {
      const s = sessions.get(connectionId)
      sessions.delete(connectionId)
      void s?.close()
    },
    async close() {
      const all = [...sessions.values()]
      sessions.clear()
      await Promise.all(all.map((s) => s.close()))
    },
  }
}
