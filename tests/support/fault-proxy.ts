import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * What the proxy does to one request:
 * - `pass`: forward it untouched.
 * - `status`: answer this HTTP status itself; with `forward`, only after the upstream has handled
 *   the request (the work is done upstream, but the client sees a failure).
 * - `reset-request`: read `afterBytes` of the request body, then reset the connection (TCP RST).
 * - `reset-response`: forward, send the answer's head and `afterBytes` of its body, then reset.
 * - `slow`: forward after `delayMs`, then trickle the answer out in small pieces.
 * - `hang`: never answer (the client's timeout must fire).
 * - `tamper`: flip one bit of the request body at `at` before forwarding it.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'status'; status: number; forward?: boolean }
  | { kind: 'reset-request'; afterBytes: number }
  | { kind: 'reset-response'; afterBytes: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'hang' }
  | { kind: 'tamper'; at: number }

export interface ProxiedRequest {
  index: number
  method: string
  path: string
  fault: Fault['kind']
  headers: Record<string, string>
  body: Buffer
}

export type FaultRule = (request: { index: number; method: string; path: string }) => Fault

/**
 * Sees each exchange twice: when the request has fully arrived (before it is forwarded) and when
 * the upstream's answer is back (before it is passed on). The chaos test kills the kiosk here.
 */
export type ExchangeObserver = (exchange: {
  index: number
  method: string
  path: string
  phase: 'received' | 'answered'
}) => void

export interface FaultProxy {
  readonly url: string
  readonly port: number
  /** Every request seen, with the fault applied and the bytes received. */
  readonly requests: ProxiedRequest[]
  setRule(rule: FaultRule): void
  observe(observer: ExchangeObserver | null): void
  /** Stops listening and drops open connections: new connections are refused. */
  refuse(): Promise<void>
  /** Listens again on the same port. */
  accept(): Promise<void>
  close(): Promise<void>
}

const pass: FaultRule = () => ({ kind: 'pass' })

/** An HTTP proxy on 127.0.0.1 in front of `target`, injecting faults request by request. */
export async function startFaultProxy(
  target: string,
  options: { keepBodies?: boolean } = {},
): Promise<FaultProxy> {
  const keepBodies = options.keepBodies ?? true
  let count = 0
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true })
  const sockets = new Set<Socket>()
  const requests: ProxiedRequest[] = []
  let rule: FaultRule = pass
  let observer: ExchangeObserver | null = null
  let server: Server
  let port = 0

  const readBody = (req: IncomingMessage, limit?: number): Promise<Buffer | null> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = []
      let length = 0
      req.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        length += chunk.length
        if (limit !== undefined && length >= limit) resolve(null)
      })
      req.on('end', () => resolve(Buffer.concat(chunks)))
      req.on('error', () => resolve(null))
    })

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'connection')
          headers[name] = value
      headers['content-length'] = String(body.length)
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const answerHeaders: Record<string, string> = {}
            for (const [name, value] of Object.entries(res.headers))
              if (typeof value === 'string' && name !== 'connection' && name !== 'keep-alive')
                answerHeaders[name] = value
            resolve({
              status: res.statusCode ?? 502,
              headers: answerHeaders,
              body: Buffer.concat(chunks),
            })
          })
          res.on('error', reject)
        },
      )
      out.on('error', reject)
      out.end(body)
    })

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const index = count++
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const fault = rule({ index, method, path })
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers[name] = value
    const record: ProxiedRequest = {
      index,
      method,
      path,
      fault: fault.kind,
      headers,
      body: Buffer.alloc(0),
    }
    requests.push(record)

    if (fault.kind === 'reset-request') {
      await readBody(req, fault.afterBytes)
      req.socket.resetAndDestroy()
      return
    }
    const body = await readBody(req)
    if (body === null) return
    if (keepBodies) record.body = body
    observer?.({ index, method, path, phase: 'received' })
    if (fault.kind === 'hang') return
    if (fault.kind === 'status' && !fault.forward) {
      res.writeHead(fault.status, { 'content-type': 'text/plain' })
      res.end(`injected ${fault.status}`)
      return
    }
    let sent = body
    if (fault.kind === 'tamper' && body.length > 0) {
      sent = Buffer.from(body)
      const at = Math.min(fault.at, body.length - 1)
      sent[at] = (sent[at] ?? 0) ^ 0x01
    }
    if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs))
    let answer
    try {
      answer = await forward(req, sent)
    } catch {
      req.socket.resetAndDestroy()
      return
    }
    observer?.({ index, method, path, phase: 'answered' })
    if (fault.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' })
      res.end(`injected ${fault.status} after the upstream answered ${answer.status}`)
      return
    }
    if (fault.kind === 'reset-response') {
      res.writeHead(answer.status, {
        ...answer.headers,
        'content-length': String(answer.body.length),
      })
      res.write(answer.body.subarray(0, fault.afterBytes))
      setImmediate(() => req.socket.resetAndDestroy())
      return
    }
    res.writeHead(answer.status, answer.headers)
    if (fault.kind === 'slow') {
      for (let at = 0; at < answer.body.length; at += 16) {
        res.write(answer.body.subarray(at, at + 16))
        await new Promise((r) => setTimeout(r, Math.ceil(fault.delayMs / 10)))
      }
      res.end()
      return
    }
    res.end(answer.body)
  }

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((req, res) => {
        handle(req, res).catch(() => req.socket.destroy())
      })
      server.on('connection', (socket) => {
        sockets.add(socket)
        socket.on('close', () => sockets.delete(socket))
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port
        resolve()
      })
    })

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })

  await listen()
  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    get port() {
      return port
    },
    requests,
    setRule(next) {
      rule = next
    },
    observe(next) {
      observer = next
    },
    refuse: stop,
    accept: listen,
    async close() {
      await stop()
      agent.destroy()
    },
  }
}
