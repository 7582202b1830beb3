/**
 * The renderer's Content-Security-Policy, sent as a response header by both shells (Electron's
 * app:// protocol and the headless host). Nothing remote: every source is our own origin.
 * 'wasm-unsafe-eval' lets the face models' WebAssembly backend compile; no JS eval is allowed.
 */
export function contentSecurityPolicy(
  options: {
    connectSrc?: readonly string[]
    /**
     * `npm run dev` only: Vite's React refresh preamble is an inline script. Never set for the
     * app:// protocol (npm start, packaged builds) or the headless host.
     */
    devServer?: boolean
  } = {},
): string {
  const directives: Record<string, readonly string[]> = {
    'default-src': ["'none'"],
    'script-src': [
      "'self'",
      "'wasm-unsafe-eval'",
      ...(options.devServer ? ["'unsafe-inline'"] : []),
    ],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'media-src': ["'self'", 'blob:', 'mediastream:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(options.connectSrc ?? [])],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}
