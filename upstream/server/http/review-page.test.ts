import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bilingualMessage } from '../../../lib/messages'
import { builtReviewPageDir, registerReviewPage, REVIEW_PAGE_CSP } from './review-page'

const PAGE_FILES = [
  ['/review/', 'index.html', 'text/html'],
  ['/review/review.js', 'review.js', 'text/javascript'],
  ['/review/review.css', 'review.css', 'text/css'],
] as const

let dir: string
let app: FastifyInstance | undefined
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'review-page-'))
})
afterEach(async () => {
  await app?.close()
  app = undefined
  rmSync(dir, { recursive: true, force: true })
})

function writePage(pageDir: string, files: readonly string[] = PAGE_FILES.map(([, f]) => f)) {
  mkdirSync(pageDir, { recursive: true })
  for (const file of files) writeFileSync(join(pageDir, file), `content of ${file}`)
}

function serve(pageDir: string, log: [string, unknown][] = []) {
  app = Fastify()
  registerReviewPage(app, { pageDir, log: (message, fields) => log.push([message, fields]) })
  return app
}

describe('review page', () => {
  it('serves the built page, its script and style under a strict CSP', async () => {
    writePage(dir)
    const server = serve(dir)
    for (const [url, file, type] of PAGE_FILES) {
      const response = await server.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      expect(response.body).toBe(`content of ${file}`)
      expect(response.headers['content-type']).toContain(type)
      expect(response.headers['content-security-policy']).toBe(REVIEW_PAGE_CSP)
    }
    expect(REVIEW_PAGE_CSP).not.toMatch(/unsafe/)
    expect(REVIEW_PAGE_CSP).toContain("script-src 'self'")
    const root = await server.inject({ method: 'GET', url: '/' })
    expect(root.statusCode).toBe(302)
    expect(root.headers.location).toBe('/review/')
  })

  it('answers 503 with a bilingual message, and logs, when the page was not built', async () => {
    writePage(dir, ['index.html', 'review.css'])
    const log: [string, unknown][] = []
    const server = serve(dir, log)
    for (const [url] of PAGE_FILES) {
      const response = await server.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(503)
      expect(response.headers['content-type']).toContain('text/plain')
      expect(response.body).toBe(bilingualMessage('review.notBuilt', { dir }))
    }
    const body = (await server.inject({ method: 'GET', url: '/review/' })).body
    expect(body).toContain('Trang duyệt hồ sơ chưa được build')
    expect(body).toContain('The review page was not built: run npm run build')
    expect(body).toContain(dir)
    expect(log).toEqual([['review page not built', { dir, missing: ['review.js'] }]])
  })

  it('finds the build in the project from the source tree and from the electron-vite bundle', () => {
    writeFileSync(join(dir, 'package.json'), '{}')
    const built = join(dir, 'out/review-page')
    expect(builtReviewPageDir(join(dir, 'upstream/server/http'))).toBe(built)
    expect(builtReviewPageDir(join(dir, 'out/main/chunks'))).toBe(built)
    expect(builtReviewPageDir(import.meta.dirname)).toBe(
      join(import.meta.dirname, '../../../out/review-page'),
    )
  })

  it('runs no inline script or style: everything comes from its own files', () => {
    const html = readFileSync(join(import.meta.dirname, '../review/page/index.html'), 'utf8')
    expect(html).not.toMatch(/<script>|<style|\sstyle=|\son[a-z]+=/i)
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script type="module" src="./main.ts">',
    ])
  })
})
