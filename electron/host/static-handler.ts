import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentTypeFor, resolveStaticPath } from '../core'

/** Headers on every response of the host; the CSP is the same policy Electron sends. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
    'cache-control': 'no-store',
  }
}

/** Serves the built renderer: GET/HEAD only, files under `root` only. */
export async function serveStatic(
  root: string,
  headers: Record<string, string>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end()
    return
  }
  const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
  const file = resolveStaticPath(root, pathname)
  const info = file ? await stat(file).catch(() => null) : null
  if (!file || !info?.isFile()) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found')
    return
  }
  res.writeHead(200, {
    ...headers,
    'content-type': contentTypeFor(file),
    'content-length': info.size,
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res)
}
