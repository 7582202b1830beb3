import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** The part of `fetch` the sync client uses; the global fetch is one. */
export type UpstreamFetch = (
  url: string,
  init: {
    method: string
    headers: Record<string, string>
    body?: Uint8Array<ArrayBuffer>
    signal: AbortSignal
  },
) => Promise<Response>

/** Statuses whose answers have no body (a Response refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304])

/**
 * A fetch over node:http / node:https on kept-alive connections. The sync client makes about three
 * requests per file, and the global fetch (undici, with its WHATWG streams) costs several times
 * the CPU of a plain node:http request, so this is the station's transport. `ca` (PEM, one or more
 * certificates) makes HTTPS trust only that CA instead of the built-in store (the global fetch
 * takes no CA of its own). Failures reject like fetch's ("fetch failed", the socket or TLS error
 * as `cause`), so the client classifies both the same way.
 */
export function nodeFetch(options: { ca?: Buffer } = {}): UpstreamFetch {
  const http = new HttpAgent({ keepAlive: true })
  const https = new HttpsAgent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) })
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const secure = url.startsWith('https:')
      const request = secure ? httpsRequest : httpRequest
      const outgoing: ClientRequest = request(
        url,
        {
          method: init.method,
          headers: init.headers,
          agent: secure ? https : http,
          signal: init.signal,
        },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('error', fail)
          incoming.on('end', () => resolve(responseOf(incoming, Buffer.concat(chunks))))
        },
      )
      function fail(error: unknown) {
        reject(new TypeError('fetch failed', { cause: socketCause(outgoing, error) }))
      }
      outgoing.on('error', fail)
      outgoing.end(
        init.body
          ? Buffer.from(init.body.buffer, init.body.byteOffset, init.body.byteLength)
          : undefined,
      )
    })
}

/** A fetch that trusts only `ca` (PEM) for the server's certificate (`upstreamCaFile`). */
export function caPinnedFetch(ca: Buffer): UpstreamFetch {
  return nodeFetch({ ca })
}

function responseOf(incoming: IncomingMessage, body: Buffer<ArrayBuffer>): Response {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
    else if (value !== undefined) headers.set(name, value)
  }
  const status = incoming.statusCode ?? 502
  return new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, headers })
}

/**
 * A kept-alive connection the server closed just as it was reused resets: the same race the
 * global fetch reports as UND_ERR_SOCKET ("other side closed"), which the client retries once.
 */
function socketCause(outgoing: ClientRequest, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (!outgoing.reusedSocket || code !== 'ECONNRESET') return error
  return Object.assign(new Error('other side closed', { cause: error }), { code: 'UND_ERR_SOCKET' })
}

/** TLS failures that mean "this is not the server we trust" rather than "it is not there". */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
])

export function isUntrustedCertificateCode(code: string | undefined): boolean {
  return code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code)
}
