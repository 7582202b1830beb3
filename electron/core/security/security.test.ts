import { resolve, sep } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './csp'
import { contentTypeFor, resolveStaticPath } from './static-files'

describe('content security policy', () => {
  const csp = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4000'] })
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))

  it('allows no inline script, no eval and nothing remote', () => {
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/)
    expect(directive('default-src')).toBe("default-src 'none'")
    expect(directive('script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'")
    expect(directive('object-src')).toBe("object-src 'none'")
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'")
  })

  it('relaxes script-src only for the development server', () => {
    const dev = contentSecurityPolicy({ devServer: true, connectSrc: ['ws://localhost:5173'] })
    expect(dev).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'")
    expect(dev).not.toContain("'unsafe-eval'")
    expect(csp).not.toContain("'unsafe-inline'")
  })

  it('adds only the connect sources it is given', () => {
    expect(directive('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:4000")
    expect(contentSecurityPolicy()).toContain("connect-src 'self';")
  })
})

describe('static file resolution', () => {
  const root = resolve('/srv/renderer')

  it('maps URL paths to files under the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(`${root}${sep}index.html`)
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(
      `${root}${sep}assets${sep}index-abc.js`,
    )
    expect(resolveStaticPath(root, '/a%20b.png')).toBe(`${root}${sep}a b.png`)
  })

  it.each([
    '/../etc/passwd',
    '/assets/../../x',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2fsecret',
    '/a%00.js',
    '/%E0%A4%A',
    '/..\\x',
  ])('refuses %s', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull()
  })

  it('never resolves outside the root, whatever the path (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('/', '.', '%', '2', 'e', 'f', 'a', '\\', '0'),
          maxLength: 40,
        }),
        (path) => {
          const resolved = resolveStaticPath(root, `/${path}`)
          return resolved === null || resolved.startsWith(root + sep)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('names content types, defaulting to binary', () => {
    expect(contentTypeFor('x/index.HTML')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('x/model.wasm')).toBe('application/wasm')
    expect(contentTypeFor('x/unknown.xyz')).toBe('application/octet-stream')
  })
})
