#!/usr/bin/env node
// Builds the native add-ons again for Electron's ABI, into native/electron-abi/, leaving
// node_modules (built for Node, used by the tests and the CLI) untouched. `npm start` runs it;
// it does nothing when the builds for the pinned Electron version are already there.
// Needs Electron's headers from the network on first run (not available on CI machines).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const outDir = join(here, 'electron-abi')
const require = createRequire(join(root, 'package.json'))

/** Native add-ons the Electron main process loads, and the file each build produces. */
const MODULES = [
  { name: 'better-sqlite3', artifact: 'build/Release/better_sqlite3.node', optional: false },
  { name: '@pokusew/pcsclite', artifact: 'build/Release/pcsclite.node', optional: true },
]

const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json'), 'utf8'),
).version
const stampFile = join(outDir, 'electron-version.txt')
const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null
const complete = MODULES.every((m) => m.optional || existsSync(join(outDir, m.name, m.artifact)))
if (stamp === electronVersion && complete) {
  console.log(`native add-ons for Electron ${electronVersion}: up to date`)
  process.exit(0)
}

const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js')
rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
for (const [index, mod] of MODULES.entries()) {
  let source
  try {
    source = dirname(require.resolve(`${mod.name}/package.json`))
  } catch {
    if (mod.optional) {
      console.log(`[${index + 1}/${MODULES.length}] ${mod.name}: not installed, skipped`)
      continue
    }
    fail(`${mod.name} is not installed`)
  }
  const target = join(outDir, mod.name)
  cpSync(source, target, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) })
  console.log(
    `[${index + 1}/${MODULES.length}] building ${mod.name} for Electron ${electronVersion}…`,
  )
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: target, stdio: 'inherit' },
  )
  if (result.status !== 0 || !existsSync(join(target, mod.artifact))) {
    if (mod.optional) {
      console.log(`${mod.name}: build failed; the kiosk will report PC/SC as unavailable`)
      rmSync(target, { recursive: true, force: true })
      continue
    }
    fail(`building ${mod.name} for Electron ${electronVersion} failed`)
  }
}
writeFileSync(stampFile, `${electronVersion}\n`)
console.log(`native add-ons for Electron ${electronVersion}: built in ${outDir}`)

function fail(detail) {
  console.error(
    `Không dựng được mô-đun gốc cho Electron / Could not build native modules for Electron: ${detail}. ` +
      'The kiosk needs them under Electron; "npm run host" runs without them.',
  )
  process.exit(1)
}
