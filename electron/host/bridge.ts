import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import {
  BRIDGE_MAX_FRAME_BYTES,
  BRIDGE_PATH,
  BRIDGE_TOKEN_PARAM,
  BridgeRequestFrameSchema,
  fail,
  type BridgeServerFrame,
  type Reply,
} from '../contract'
import type { Core } from '../core'
import type { Caller } from '../core/officers'
import { tokensMatch } from './token'
import { safeParse } from '../../lib/schema'

export interface Bridge {
  /** Handles an HTTP upgrade; refuses it unless path, token, host and origin are ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void
  /**
   * A plain GET of the bridge path with a token: true when it is this run's. A browser hides why
   * a WebSocket was refused; the page asks here to tell "old address" from "host not running".
   */
  tokenIsCurrent(req: IncomingMessage): boolean
  close(): void
}

export interface BridgeOptions {
  core: Core
  token: string
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin: () => string
}

/**
 * Carries the contract over a WebSocket for the renderer served by the host. Each frame is
 * validated; each request goes through the core's dispatcher exactly as Electron IPC does. Each
 * socket is one connection of the core: its officer session is bound to the socket (the frames
 * carry no session id to forge or replay), ends when it closes, and events with citizen data go to
 * that socket only.
 */
export function createBridge({ core, token, origin }: BridgeOptions): Bridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES })
  const sockets = new Map<string, WebSocket>()
  const stopEvents = core.onEvent((event, payload, to) => {
    const frame = JSON.stringify({ type: 'event', event, payload } satisfies BridgeServerFrame)
    const targets =
      to === undefined ? wss.clients : [sockets.get(to)].filter((s) => s !== undefined)
    for (const client of targets) if (client.readyState === client.OPEN) client.send(frame)
  })

  wss.on('connection', (socket: WebSocket) => {
    const caller = core.connect('socket')
    sockets.set(caller.connectionId, socket)
    socket.once('close', () => {
      sockets.delete(caller.connectionId)
      core.disconnect(caller)
    })
    socket.on('message', (data: RawData, isBinary: boolean) => {
      // answer() turns every failure into a reply; should one still escape, that client is
      // dropped rather than the rejection left unhandled.
      answer(socket, caller, isBinary ? null : rawText(data)).catch(() => socket.terminate())
    })
    // An oversized or broken frame is a socket error; without a listener it would crash the host.
    // ws has already sent the close frame (1009, 1007…): drop this client and carry on.
    socket.on('error', () => socket.terminate())
  })

  async function answer(socket: WebSocket, caller: Caller, text: string | null): Promise<void> {
    let json: unknown = null
    try {
      json = text === null ? null : JSON.parse(text)
    } catch {
      json = null
    }
    const frame = safeParse(BridgeRequestFrameSchema, json)
    if (!frame.success) {
      // Without a valid id there is nobody to answer: a client that sends garbage is dropped.
      const id = (json as { id?: unknown } | null)?.id
      if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
        send(socket, { type: 'reply', id, reply: fail('E_SCHEMA', 'malformed bridge frame') })
      } else {
        socket.close(1008, 'malformed frame')
      }
      return
    }
    let reply: Reply<unknown>
    try {
      reply = await core.dispatch(frame.data.channel, frame.data.payload, caller)
    } catch {
      reply = fail('E_INTERNAL', 'the core could not answer')
    }
    send(socket, { type: 'reply', id: frame.data.id, reply })
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const expected = origin()
      const allowed =
        url.pathname === BRIDGE_PATH &&
        tokensMatch(token, url.searchParams.get(BRIDGE_TOKEN_PARAM)) &&
        `http://${req.headers.host ?? ''}` === expected &&
        (req.headers.origin === undefined || req.headers.origin === expected)
      if (!allowed) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
    },
    tokenIsCurrent(req) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      return tokensMatch(token, url.searchParams.get(BRIDGE_TOKEN_PARAM))
    },
    close() {
      stopEvents()
      for (const client of wss.clients) client.terminate()
      wss.close()
    },
  }
}

function send(socket: WebSocket, frame: BridgeServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame))
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data as ArrayBuffer).toString('utf8')
}
