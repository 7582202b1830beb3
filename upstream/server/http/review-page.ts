import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'review', 'page')

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

/** Serves the review page (three static files read once) and sends `/` there. */
export function registerReviewPage(app: FastifyInstance) {
  for (const [path, { file, type }] of Object.entries(FILES)) {
    const content = readFileSync(join(PAGE_DIR, file))
    app.get(path, async (_request, reply) =>
      reply
        .header('content-type', type)
        .header('content-security-policy', REVIEW_PAGE_CSP)
        .send(content),
    )
  }
  // Browsers ask for it on their own; there is none.
  app.get('/favicon.ico', async (_request, reply) => reply.status(204).send())
  app.get('/review', async (_request, reply) => reply.redirect('/review/'))
  app.get('/', async (_request, reply) => reply.redirect('/review/'))
}
