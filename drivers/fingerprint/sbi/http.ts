import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { SbiError } from './errors'

export interface SbiHttpRequest {
  host: string
  port: number
  /** A custom verb (MOSIPDISC, RCAPTURE…): Node's client sends it unchanged. */
  method: string
  path: string
  body?: unknown
  timeoutMs: number
  signal?: AbortSignal
}

export interface SbiHttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

const MAX_BODY = 32 * 1024 * 1024

/** Opens an SBI request and resolves with the response head; the body is the caller's to read. */
export function openSbiRequest(req: SbiHttpRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body))
    const outgoing = request({
      host: req.host,
      port: req.port,
      method: req.method,
      path: req.path,
      agent: false,
      headers: {
        'Content-Type': 'application/json',
        ...(payload ? { 'Content-Length': String(payload.length) } : {}),
      },
      ...(req.signal ? { signal: req.signal } : {}),
    })
    const timer = setTimeout(
      () =>
        outgoing.destroy(
          new SbiError('timeout', `${req.method} :${req.port} after ${req.timeoutMs} ms`),
        ),
      req.timeoutMs,
    )
    outgoing.on('response', (response) => {
      clearTimeout(timer)
      resolve(response)
    })
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      if (error instanceof SbiError) return reject(error)
      if (error.name === 'AbortError') return reject(error)
      if (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET') {
        return reject(new SbiError('unreachable', `${req.host}:${req.port} ${error.code}`))
      }
      reject(new SbiError('unreachable', `${req.host}:${req.port} ${error.message}`))
    })
    outgoing.end(payload)
  })
}

/** One SBI request with its whole (bounded) response body, within `timeoutMs`. */
export async function sbiRequest(req: SbiHttpRequest): Promise<SbiHttpResponse> {
  const started = Date.now()
  const response = await openSbiRequest(req)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const timer = setTimeout(
      () =>
        response.destroy(new SbiError('timeout', `${req.method} body after ${req.timeoutMs} ms`)),
      Math.max(0, req.timeoutMs - (Date.now() - started)),
    )
    response.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) response.destroy(new SbiError('bad-response', 'response too large'))
      else chunks.push(chunk)
    })
    response.on('end', () => {
      clearTimeout(timer)
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: Buffer.concat(chunks),
      })
    })
    response.on('error', (error) => {
      clearTimeout(timer)
      reject(error instanceof SbiError ? error : new SbiError('unreachable', error.message))
    })
  })
}

/** Parses a JSON body, or fails with a typed error naming the request. */
export function jsonBody(response: SbiHttpResponse, what: string): unknown {
  if (response.status < 200 || response.status >= 300) {
    throw new SbiError('http-status', `${what}: HTTP ${response.status}`)
  }
  try {
    return JSON.parse(response.body.toString('utf8'))
  } catch {
    throw new SbiError('bad-response', `${what}: not JSON`)
  }
}
