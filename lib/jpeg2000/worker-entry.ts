import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Set at build time by the bundles that carry a built codec worker: electron.vite.config.ts
 * (out/main/jpeg2000-codec-worker.js) and bin/cli-bundle.js (out/cli/<build>/…). The path is
 * absolute, as the bundles' other source locations are.
 */
declare const __JPEG2000_CODEC_WORKER__: string | undefined

/** What `new Worker(…)` is given: a module file, or code to evaluate (`eval: true`). */
export interface CodecWorkerEntry {
  filename: string
  eval: boolean
}

/** tsx's ESM API (`register()`), as a file URL: its "import" export, not the CommonJS one. */
function tsxEsmApiUrl(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } }
  }
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api'].import.default))
    .href
}

/**
 * Where the codec worker's code is: the bundle's own build of it when there is one (it starts in
 * about 50 ms); otherwise, from the sources (vitest, tsx), codec-worker.ts run through tsx's
 * loader registered inside the worker (about 230 ms, once per worker).
 */
export function codecWorkerEntry(): CodecWorkerEntry {
  // A long-running process may outlive its CLI build (old builds are removed after an hour).
  if (typeof __JPEG2000_CODEC_WORKER__ === 'string' && existsSync(__JPEG2000_CODEC_WORKER__)) {
    return { filename: __JPEG2000_CODEC_WORKER__, eval: false }
  }
  const source = JSON.stringify(new URL('./codec-worker.ts', import.meta.url).href)
  const tsx = JSON.stringify(tsxEsmApiUrl())
  const load = `import(${tsx}).then((tsx) => { tsx.register(); return import(${source}) })`
  return { filename: load, eval: true }
}
