import { isIP } from 'node:net'

/**
 * The rule for upstream URLs: `https://` always, `http://` only for this machine (127.0.0.0/8,
 * ::1, localhost), where nothing crosses a network. Registration and every file go to this URL.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1'
  return false
}

export type UpstreamUrlVerdict = 'ok' | 'not-http' | 'insecure'

/** Whether `url` may be an upstream: an http(s) URL, and https unless the host is loopback. */
export function upstreamUrlVerdict(url: string): UpstreamUrlVerdict {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not-http'
  }
  if (parsed.protocol === 'https:') return 'ok'
  if (parsed.protocol !== 'http:') return 'not-http'
  return isLoopbackHost(parsed.hostname) ? 'ok' : 'insecure'
}
