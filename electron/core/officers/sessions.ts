import type { Caller, OfficerSession } from './session-types'

export type ConnectionKind = 'window' | 'socket' | 'cli'

interface Connection {
  kind: ConnectionKind
  session: OfficerSession | null
}

/**
 * The core's table of connections (one per kiosk window or host socket) and the officer session
 * each holds. A connection id is made here, never taken from the client: the bridge and IPC router
 * attach it to each request from the socket or window itself, so there is no session id to forge
 * or replay, and a closed socket's session ends with it.
 */
export interface SessionRegistry {
  connect(kind: ConnectionKind): Caller
  /** The connection closed; returns the session it held, if any. */
  disconnect(caller: Caller): OfficerSession | null
  isConnected(caller: Caller): boolean
  session(caller: Caller): OfficerSession | null
  /** Replaces whatever session the connection held; returns the one it replaced. */
  begin(caller: Caller, session: OfficerSession): OfficerSession | null
  /** Ends the session; returns it, or null when none was signed in. */
  end(caller: Caller): OfficerSession | null
  /** Every connection's session of one officer (to end them when the account changes). */
  callersOf(officerId: string): Caller[]
  /** Whether this connection's session may receive citizen data now (signed in, not locked). */
  mayReceiveCitizenData(connectionId: string): boolean
}

export function createSessionRegistry(randomId: () => string): SessionRegistry {
  const connections = new Map<string, Connection>()
  return {
    connect(kind) {
      const connectionId = randomId()
      connections.set(connectionId, { kind, session: null })
      return { connectionId }
    },
    disconnect({ connectionId }) {
      const session = connections.get(connectionId)?.session ?? null
      connections.delete(connectionId)
      return session
    },
    isConnected: ({ connectionId }) => connections.has(connectionId),
    session: ({ connectionId }) => connections.get(connectionId)?.session ?? null,
    begin({ connectionId }, session) {
      const connection = connections.get(connectionId)
      if (!connection) throw new Error('sign-in on a connection that is closed')
      const previous = connection.session
      connection.session = session
      return previous
    },
    end({ connectionId }) {
      const connection = connections.get(connectionId)
      const session = connection?.session ?? null
      if (connection) connection.session = null
      return session
    },
    callersOf(officerId) {
      return [...connections.entries()]
        .filter(([, c]) => c.session?.officerId === officerId)
        .map(([connectionId]) => ({ connectionId }))
    },
    mayReceiveCitizenData(connectionId) {
      const session = connections.get(connectionId)?.session
      return (
        session !== null && session !== undefined && !session.locked && session.role !== 'support'
      )
    },
  }
}
