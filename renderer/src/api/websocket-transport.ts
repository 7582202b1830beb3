import {
  BRIDGE_PATH,
  BRIDGE_TOKEN_PARAM,
  BridgeServerFrameSchema,
  type BridgeRequestFrame,
  type ContractTransport,
  type EventName,
} from '../../../electron/contract'
import { safeParse } from '../../../electron/contract'

/** `refused`: the host does not know this page's token (an old address); nothing will connect. */
export type ConnectionStatus = 'connecting' | 'open' | 'closed' | 'refused'

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

/** What the host says of a token: its own, not its own (HTTP 401), or no answer at all. */
export type TokenCheck = 'current' | 'refused' | 'unreachable'

export interface WebSocketTransportOptions {
  /** e.g. `ws://127.0.0.1:5000` */
  baseUrl: string
  token: string
  requestTimeoutMs?: number
  createSocket?: (url: string) => WebSocket
  /** Asks the host over HTTP whether the token is current; `fetch` by default. */
  checkToken?: (httpUrl: string) => Promise<TokenCheck>
}

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000]

/**
 * The contract over the headless host's WebSocket bridge. Requests made while the socket is
 * down wait for it (up to the request timeout) and are sent once it opens; a dropped socket
 * fails what was already sent (never resent: the core may have run it) and reconnects with
 * backoff. A browser hides why a WebSocket was refused, so a socket that closes before opening
 * makes the transport ask the host over HTTP: a 401 means the page's token is not this run's
 * (the host restarted, or the address is wrong) and the status becomes `refused`, for good.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const query = `?${BRIDGE_TOKEN_PARAM}=${encodeURIComponent(options.token)}`
  const url = `${options.baseUrl}${BRIDGE_PATH}${query}`
  const checkUrl = `${options.baseUrl.replace(/^ws/, 'http')}${BRIDGE_PATH}${query}`
  const timeoutMs = options.requestTimeoutMs ?? 30_000
  const createSocket = options.createSocket ?? ((u: string) => new WebSocket(u))
  const checkToken = options.checkToken ?? fetchTokenCheck
  const pending = new Map<number, Pending>()
  const events = new Map<string, Set<(payload: unknown) => void>>()
  const status = statusBox()
  let socket: WebSocket | null = null
  let nextId = 1
  let attempt = 0
  let stopped = false

  const afterClose = (opened: boolean) => {
    failRequests(pending, (waiting) => waiting.sent, 'connection to the kiosk core closed')
    if (stopped) return status.set('closed')
    if (opened) return reconnectLater()
    void checkToken(checkUrl).then((check) => {
      if (check !== 'refused') return reconnectLater()
      stopped = true
      failRequests(pending, () => true, 'the host refused this page: its address is out of date')
      status.set('refused')
    })
  }
  const reconnectLater = () => {
    status.set('closed')
    setTimeout(connect, reconnectDelay(attempt++))
  }
  const connect = () => {
    if (stopped || socket) return
    status.set('connecting')
    const ws = createSocket(url)
    let opened = false
    socket = ws
    ws.onopen = () => {
      opened = true
      attempt = 0
      status.set('open')
      sendWaiting(pending, ws)
    }
    ws.onmessage = (message) => receiveFrame(String(message.data), pending, events)
    ws.onclose = () => {
      socket = null
      afterClose(opened)
    }
  }

  return {
    invoke(channel, payload) {
      connect()
      return new Promise((resolve, reject) => {
        const id = nextId++
        const request = { type: 'request', id, channel, payload } satisfies BridgeRequestFrame
        const frame = JSON.stringify(request)
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new Error(`no answer on ${channel} within ${timeoutMs} ms`))
        }, timeoutMs)
        const open = socket !== null && status.get() === 'open'
        pending.set(id, { frame, sent: open, resolve, reject, timer })
        if (open) socket?.send(frame)
      })
    },
    subscribe(event: EventName, listener) {
      connect()
      const set = events.get(event) ?? new Set()
      set.add(listener)
      events.set(event, set)
      return () => set.delete(listener)
    },
    onStatus: status.listen,
    close() {
      stopped = true
      socket?.close()
    },
  }
}

function reconnectDelay(attempt: number): number {
  return RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)] ?? 5000
}

/** The connection status and who listens to it. */
function statusBox() {
  const listeners = new Set<(status: ConnectionStatus) => void>()
  let current: ConnectionStatus = 'closed'
  return {
    get: () => current,
    set(next: ConnectionStatus) {
      current = next
      for (const listener of listeners) listener(next)
    },
    listen(listener: (status: ConnectionStatus) => void) {
      listeners.add(listener)
      listener(current)
      return () => listeners.delete(listener)
    },
  }
}

function sendWaiting(pending: Map<number, Pending>, ws: WebSocket): void {
  for (const waiting of pending.values()) {
    if (waiting.sent) continue
    ws.send(waiting.frame)
    waiting.sent = true
  }
}

function failRequests(
  pending: Map<number, Pending>,
  which: (waiting: Pending) => boolean,
  reason: string,
): void {
  for (const [id, waiting] of pending) {
    if (!which(waiting)) continue
    clearTimeout(waiting.timer)
    waiting.reject(new Error(reason))
    pending.delete(id)
  }
}

/** A reply settles its request; an event goes to its listeners; anything else is ignored. */
function receiveFrame(
  text: string,
  pending: Map<number, Pending>,
  events: Map<string, Set<(payload: unknown) => void>>,
): void {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return
  }
  const frame = safeParse(BridgeServerFrameSchema, json)
  if (!frame.success) return
  if (frame.data.type === 'reply') {
    const waiting = pending.get(frame.data.id)
    if (!waiting) return
    pending.delete(frame.data.id)
    clearTimeout(waiting.timer)
    waiting.resolve(frame.data.reply)
  } else {
    for (const listener of events.get(frame.data.event) ?? []) listener(frame.data.payload)
  }
}

async function fetchTokenCheck(httpUrl: string): Promise<TokenCheck> {
  try {
    const response = await fetch(httpUrl, { cache: 'no-store' })
    return response.status === 401 ? 'refused' : 'current'
  } catch {
    return 'unreachable'
  }
}
