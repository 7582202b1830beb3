import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** Told each time a request is sent on to a backend: which one (its index in the list). */
export type ForwardObserver = (forwarded: { index: number; path: string; backend: number }) => void

export interface RoundRobinProxy {
  readonly url: string
  /** The backends' base URLs; `null` marks one that is down (skipped until set again). */
  setBackend(slot: number, url: string | null): void
  onForward(observer: ForwardObserver | null): void
  close(): Promise<void>
}

/**
 * A load balancer for tests: each request goes to the next live backend in turn, on a fresh
 * connection. A backend that fails mid-request (refused, killed) makes the proxy reset the
 * client's connection, as a TCP-level balancer would: the client sees a network error and retries.
 */
export async function startRoundRobinProxy(backends: (string | null)[]): Promise<RoundRobinProxy> {
  const targets = [...backends]
  let next = 0
  let count = 0
  let observer: ForwardObserver | null = null
  const sockets = new Set<Socket>()

  const pick = (): number | null => {
    for (let tried = 0; tried < targets.length; tried++) {
      const slot = next++ % targets.length
      if (targets[slot]) return slot
    }
    return null
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const slot = pick()
    if (slot === null) return req.socket.resetAndDestroy()
    const target = new URL(targets[slot] ?? '')
    const headers = { ...req.headers, connection: 'close' }
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        answer.on('error', () => req.socket.resetAndDestroy())
      },
    )
    out.on('error', () => req.socket.resetAndDestroy())
    req.pipe(out)
    observer?.({ index: count++, path: req.url ?? '/', backend: slot })
  }

  const server: Server = createServer(handle)
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    setBackend(slot, url) {
      targets[slot] = url
    },
    onForward(next) {
      observer = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
