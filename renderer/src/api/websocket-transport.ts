import {
  BRIDGE_PATH,
  BRIDGE_TOKEN_PARAM,
  BridgeServerFrameSchema,
  type BridgeRequestFrame,
  type ContractTransport,
  type EventName,
} from '../../../electron/contract'

export type ConnectionStatus = 'connecting' | 'open' | 'closed'

export interface WebSocketTransport extends ContractTransport {
  onStatus(listener: (status: ConnectionStatus) => void): () => void
  close(): void
}

interface Pending {
  frame: string
  /** Sent on a socket; if that socket drops, the outcome is unknown and the request fails. */
  sent: boolean
  resolve: (reply: unknown) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

export interface WebSocketTransportOptions {
  /** e.g. `ws://127.0.0.1:5000` */
  baseUrl: string
  token: string
  requestTimeoutMs?: number
  createSocket?: (url: string) => WebSocket
}

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000]

/**
 * The contract over the headless host's WebSocket bridge. Requests made while the socket is
 * down wait for it (up to the request timeout) and are sent once it opens; a dropped socket
 * fails what was already sent (never resent: the core may have run it) and reconnects with
 * backoff.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const url = `${options.baseUrl}${BRIDGE_PATH}?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(options.token)}`
  const timeoutMs = options.requestTimeoutMs ?? 30_000
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u))
  const pending = new Map<number, Pending>()
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>()
  const statusListeners = new Set<(status: ConnectionStatus) => void>()
  let socket: WebSocket | null = null
  let status: ConnectionStatus = 'closed'
  let nextId = 1
  let attempt = 0
  let stopped = false

  const setStatus = (next: ConnectionStatus) => {
    status = next
    for (const listener of statusListeners) listener(next)
  }

  const connect = () => {
    if (stopped || socket) return
    setStatus('connecting')
    const ws = createSocket(url)
    socket = ws
    ws.onopen = () => {
      attempt = 0
      setStatus('open')
      for (const waiting of pending.values()) {
        if (waiting.sent) continue
        ws.send(waiting.frame)
        waiting.sent = true
      }
    }
    ws.onmessage = (message) => {
      let json: unknown
      try {
        json = JSON.parse(String(message.data))
      } catch {
        return
      }
      const frame = BridgeServerFrameSchema.safeParse(json)
      if (!frame.success) return
      if (frame.data.type === 'reply') {
        const waiting = pending.get(frame.data.id)
        if (!waiting) return
        pending.delete(frame.data.id)
        clearTimeout(waiting.timer)
        waiting.resolve(frame.data.reply)
      } else {
        for (const listener of eventListeners.get(frame.data.event) ?? [])
          listener(frame.data.payload)
      }
    }
    ws.onclose = () => {
      socket = null
      for (const [id, waiting] of pending) {
        if (!waiting.sent) continue
        clearTimeout(waiting.timer)
        waiting.reject(new Error('connection to the kiosk core closed'))
        pending.delete(id)
      }
      setStatus('closed')
      if (stopped) return
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5000
      attempt += 1
      setTimeout(connect, delay)
    }
  }

  return {
    invoke(channel, payload) {
      connect()
      return new Promise((resolve, reject) => {
        const id = nextId++
        const frame = JSON.stringify({
          type: 'request',
          id,
          channel,
          payload,
        } satisfies BridgeRequestFrame)
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error(`no answer on ${channel} within ${timeoutMs} ms`))
        }, timeoutMs)
        const open = socket !== null && status === 'open'
        pending.set(id, { frame, sent: open, resolve, reject, timer })
        if (open) socket?.send(frame)
      })
    },
    subscribe(event: EventName, listener) {
      connect()
      const set = eventListeners.get(event) ?? new Set()
      set.add(listener)
      eventListeners.set(event, set)
      return () => set.delete(listener)
    },
    onStatus(listener) {
      statusListeners.add(listener)
      listener(status)
      return () => statusListeners.delete(listener)
    },
    close() {
      stopped = true
      socket?.close()
    },
  }
}
