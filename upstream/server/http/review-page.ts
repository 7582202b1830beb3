import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { bilingualMessage } from '../../../lib/messages'
import type { UpstreamLog } from '../context'

/**
 * Where `npm run build` puts the page (review/page/vite.config.ts): `out/review-page` of the
 * project, the nearest folder above this module that holds a package.json. From the source tree
 * (tsx, vitest) that is three folders up; bundled by electron-vite it is above `out/main/chunks/`.
 */
export function builtReviewPageDir(moduleDir: string = import.meta.dirname): string {
  for (let dir = moduleDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'out', 'review-page')
    if (dirname(dir) === dir) return join(moduleDir, '../../../out/review-page')
  }
}

/** Strict: the page's own script and style only, API calls to this origin, portraits as blobs. */
export const REVIEW_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const FILES: Record<string, { file: string; type: string }> = {
  '/review/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/review/review.js': { file: 'review.js', type: 'text/javascript; charset=utf-8' },
  '/review/review.css': { file: 'review.css', type: 'text/css; charset=utf-8' },
}

/** The built files, read once; undefined (and logged) when the page was not built. */
function readBuiltPage(pageDir: string, log: UpstreamLog): Map<string, Buffer> | undefined {
  const missing = Object.values(FILES).filter(({ file }) => !existsSync(join(pageDir, file)))
  if (missing.length) {
    log('review page not built', { dir: pageDir, missing: missing.map(({ file }) => file) })
    return undefined
  }
  return new Map(Object.values(FILES).map(({ file }) => [file, readFileSync(join(pageDir, file))]))
}

export interface ReviewPageOptions {
  /** The built page; `builtReviewPageDir()` unless told. */
  pageDir?: string
  log?: UpstreamLog
}

/**
 * Serves the review page (three built files, read once) and sends `/` there. If the page was not
 * built, the upstream still runs (the sync API needs no page) and the page's addresses answer 503
 * with a bilingual message saying how to build it.
 */
export function registerReviewPage(app: FastifyInstance, options: ReviewPageOptions = {}) {
  const pageDir = options.pageDir ?? builtReviewPageDir()
  const built = readBuiltPage(pageDir, options.log ?? (() => {}))
  const notBuilt = bilingualMessage('review.notBuilt', { dir: pageDir })
  for (const [path, { file, type }] of Object.entries(FILES)) {
    const content = built?.get(file)
    app.get(path, async (_request, reply) =>
      content
        ? reply
            .header('content-type', type)
            .header('content-security-policy', REVIEW_PAGE_CSP)
            .send(content)
        : reply.status(503).header('content-type', 'text/plain; charset=utf-8').send(notBuilt),
    )
  }
  // Browsers ask for it on their own; there is none.
  app.get('/favicon.ico', async (_request, reply) => reply.status(204).send())
  app.get('/review', async (_request, reply) => reply.redirect('/review/'))
  app.get('/', async (_request, reply) => reply.redirect('/review/'))
}
