import { resolve } from 'node:path'
import { defineConfig } from 'vite'

/** The project root, three folders up: the build lands in `out/`, like the kiosk's. */
const ROOT = resolve(import.meta.dirname, '../../../..')

/** Where `npm run build` puts the page; review-page.ts serves it from there (keep both in step). */
export const REVIEW_PAGE_OUT_DIR = resolve(ROOT, 'out/review-page')

/**
 * The upstream's review page: index.html, review.js and review.css, served under /review/ by
 * upstream/server/http/review-page.ts. Fixed names (no content hash) keep the server's list of
 * files fixed; the server reads them once when it starts.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/review/',
  // The page has no public/ folder; keep Vite from looking for one at the root.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: REVIEW_PAGE_OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // The preload polyfill would be inlined code the CSP refuses, and one script needs no preload.
    modulePreload: false,
    rolldownOptions: {
      input: resolve(import.meta.dirname, 'index.html'),
      output: {
        entryFileNames: 'review.js',
        assetFileNames: 'review[extname]',
      },
    },
  },
})
