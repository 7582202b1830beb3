import { Agent, request as httpsRequest } from 'node:https'

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
 * A fetch over node:https that trusts only `ca` (PEM, one or more certificates) for the server's
 * certificate, instead of the system's store. Node's global fetch takes no CA of its own, hence
 * this. Failures reject like fetch's ("fetch failed", the socket or TLS error as `cause`), so the
 * client classifies both the same way.
 */
export function caPinnedFetch(ca: Buffer): UpstreamFetch {
  const agent = new Agent({ ca, keepAlive: true })
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const fail = (error: unknown) => reject(new TypeError('fetch failed', { cause: error }))
      const outgoing = httpsRequest(
        url,
        { method: init.method, headers: init.headers, agent, signal: init.signal },
        (incoming) => {
          const chunks: Buffer[] = []
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
          incoming.on('error', fail)
          incoming.on('end', () => {
            const headers = new Headers()
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (Array.isArray(value)) value.forEach((v) => headers.append(name, v))
              else if (value !== undefined) headers.set(name, value)
            }
            const status = incoming.statusCode ?? 502
            resolve(
              new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
                status,
                headers,
              }),
            )
          })
        },
      )
      outgoing.on('error', fail)
      outgoing.end(init.body ? Buffer.from(init.body) : undefined)
    })
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
