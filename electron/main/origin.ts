/** The origin pages are served from in builds: a privileged custom scheme, not file://. */
export const APP_SCHEME = 'app'
export const APP_HOST = 'kiosk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The origin of a URL, or null when it has none we can compare (about:blank, garbage). */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    // Custom schemes report origin "null"; rebuild it from scheme and host.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`
  } catch {
    return null
  }
}

/** In-page navigation within our origin is fine; anything else is denied. */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin
}

/**
 * Requests the renderer may make: our own origin, devtools in development, and in-memory
 * data/blob URLs. Everything else (remote content) is cancelled.
 */
export function isAllowedRequest(url: string, appOrigin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('devtools://'))
    return true
  const origin = originOf(url)
  if (origin === appOrigin) return true
  // The Vite dev server's HMR socket lives on the same host and port as the page.
  const app = originOf(appOrigin)
  return app !== null && app.startsWith('http://') && origin === app.replace('http://', 'ws://')
}
