// The `kiosk` command's bundle: electron/cli and everything it imports from this repository, built
// with esbuild into out/cli/<build>/ (npm packages stay external, command modules stay separate
// chunks loaded on first use). Transpiling the whole tree under tsx at each start took seconds.
//
// The bundle is rebuilt whenever one of its input files changed since it was built (their list and
// the build time are in out/cli/current.json), so it never runs code older than the sources.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// KIOSK_CLI_BUNDLE_DIR: another folder for the builds (tests).
const bundlesDir = process.env.KIOSK_CLI_BUNDLE_DIR ?? join(root, 'out', 'cli')
const pointerFile = join(bundlesDir, 'current.json')
const CODEC_WORKER = 'jpeg2000-codec-worker'
/** Old builds are removed once this old: a process started from one may still load its chunks. */
const KEEP_OLD_BUILDS_MS = 60 * 60 * 1000

/** The entry module of an up-to-date bundle, or null when there is none. */
export function freshBundleEntry() {
  let pointer
  try {
    pointer = JSON.parse(readFileSync(pointerFile, 'utf8'))
  } catch {
    return null
  }
  const entry = join(bundlesDir, pointer.dir, 'main.js')
  if (!existsSync(entry)) return null
  for (const input of pointer.inputs) {
    const stat = statSync(join(root, input), { throwIfNoEntry: false })
    if (!stat || stat.mtimeMs > pointer.builtAt) return null
  }
  return entry
}

/** Builds the bundle and points out/cli/current.json at it; returns its entry module. */
export async function buildBundle() {
  const { build } = await import('esbuild')
  const builtAt = Date.now()
  const dir = `${builtAt}-${process.pid}`
  const outdir = join(bundlesDir, dir)
  const result = await build({
    entryPoints: {
      main: join(root, 'electron', 'cli', 'main.ts'),
      // lib/jpeg2000's codec worker, found through the constant below (lib/jpeg2000/worker-entry.ts).
      [CODEC_WORKER]: join(root, 'lib', 'jpeg2000', 'codec-worker.ts'),
    },
    define: { __JPEG2000_CODEC_WORKER__: JSON.stringify(join(outdir, `${CODEC_WORKER}.js`)) },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'error',
    plugins: [keepSourceLocations],
  })
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'))
  mkdirSync(bundlesDir, { recursive: true })
  const temp = `${pointerFile}.${process.pid}`
  writeFileSync(temp, JSON.stringify({ dir, builtAt, inputs }))
  renameSync(temp, pointerFile)
  removeOldBuilds(dir, builtAt)
  return join(outdir, 'main.js')
}

/**
 * `import.meta.url` and `import.meta.dirname` keep meaning the source file, so code that finds
 * files next to itself (the review page, the project root) works the same bundled or not.
 */
const keepSourceLocations = {
  name: 'keep-source-locations',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' }
    })
  },
}

function removeOldBuilds(current, now) {
  for (const name of readdirSync(bundlesDir)) {
    const built = Number(name.split('-')[0])
    if (name === current || !Number.isFinite(built) || now - built < KEEP_OLD_BUILDS_MS) continue
    rmSync(join(bundlesDir, name), { recursive: true, force: true })
  }
}
