#!/usr/bin/env node
// Builds the native add-ons again for Electron's ABI, into native/electron-abi/, leaving
// node_modules (built for Node, used by the tests and the CLI) untouched. `npm start` runs it;
// it does nothing when the builds for the pinned Electron version are already there.
//
// It first checks that Electron's binary is installed (ELECTRON_SKIP_BINARY_DOWNLOAD machines have
// none) and stops at once, pointing to `npm run host`. It builds only against Electron's own headers,
// fetched into native/electron-abi/headers/: npm passes the user's `nodedir` setting to node-gyp as
// npm_config_nodedir, which would build against Node's headers and pass the result off as Electron's.
//
// Test hooks: KIOSK_ELECTRON_DIR (the electron package), KIOSK_ELECTRON_ABI_DIR (output folder),
// KIOSK_ELECTRON_HEADERS_URL (where Electron's headers come from).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronBinaryProblem } from './electron-binary.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const outDir = process.env.KIOSK_ELECTRON_ABI_DIR ?? join(here, 'electron-abi')
const headersUrl = process.env.KIOSK_ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers'
const require = createRequire(join(root, 'package.json'))

/** Native add-ons the Electron main process loads, and the file each build produces. */
const MODULES = [
  { name: 'better-sqlite3', artifact: 'build/Release/better_sqlite3.node', optional: false },
  { name: '@pokusew/pcsclite', artifact: 'build/Release/pcsclite.node', optional: true },
]

const catalogues = Object.fromEntries(
  ['vi', 'en'].map((lang) => [
    lang,
    JSON.parse(readFileSync(join(root, 'resources', 'locales', `${lang}.json`), 'utf8')),
  ]),
)

/** "vi text / en text" for a key of the message catalogue (the same as lib/messages). */
function bilingual(key, params = {}) {
  const text = (lang) => {
    const template = key.split('.').reduce((node, part) => node?.[part], catalogues[lang]) ?? key
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name) => params[name] ?? whole)
  }
  return `${text('vi')} / ${text('en')}`
}

function fail(key, params, code = 1) {
  console.error(bilingual(key, params))
  process.exit(code)
}

const electronDir =
  process.env.KIOSK_ELECTRON_DIR ?? dirname(require.resolve('electron/package.json'))
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
const missingBinary = electronBinaryProblem(electronDir)
if (missingBinary) fail('cli.electron.noBinary', { detail: missingBinary })

const stampFile = join(outDir, 'electron-version.txt')
const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null
const complete = MODULES.every((m) => m.optional || existsSync(join(outDir, m.name, m.artifact)))
if (stamp === electronVersion && complete) {
  console.log(`native add-ons for Electron ${electronVersion}: up to date`)
  process.exit(0)
}

const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js')
const gypEnv = withoutNpmNodedir(process.env)
rmSync(stampFile, { force: true })
const nodedir = fetchElectronHeaders()
for (const [index, mod] of MODULES.entries()) buildModule(index, mod, nodedir)
writeFileSync(stampFile, `${electronVersion}\n`)
console.log(`native add-ons for Electron ${electronVersion}: built in ${outDir}`)

/** The environment for node-gyp without npm's nodedir setting, so --nodedir below is the only one. */
function withoutNpmNodedir(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !/^npm_config_(nodedir|devdir)$/i.test(name)),
  )
}

/** Electron's headers, downloaded once; their folder, or exit when they cannot be had. */
function fetchElectronHeaders() {
  const devdir = join(outDir, 'headers')
  const dir = join(devdir, electronVersion)
  if (existsSync(join(dir, 'include', 'node', 'node.h'))) return dir
  mkdirSync(devdir, { recursive: true })
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'install',
      `--target=${electronVersion}`,
      `--dist-url=${headersUrl}`,
      `--devdir=${devdir}`,
    ],
    { cwd: outDir, stdio: 'inherit', env: gypEnv },
  )
  if (result.status !== 0 || !existsSync(join(dir, 'include', 'node', 'node.h'))) {
    rmSync(dir, { recursive: true, force: true })
    fail('cli.electron.noHeaders', { version: electronVersion, url: headersUrl })
  }
  return dir
}

function buildModule(index, mod, headersDir) {
  const step = `[${index + 1}/${MODULES.length}] ${mod.name}`
  let source
  try {
    source = dirname(require.resolve(`${mod.name}/package.json`))
  } catch {
    if (mod.optional) return console.log(`${step}: not installed, skipped`)
    fail('cli.electron.buildFailed', { version: electronVersion, detail: `${mod.name} missing` })
  }
  const target = join(outDir, mod.name)
  rmSync(target, { recursive: true, force: true })
  cpSync(source, target, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) })
  console.log(`${step}: building for Electron ${electronVersion}…`)
  const result = spawnSync(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      `--nodedir=${headersDir}`,
    ],
    { cwd: target, stdio: 'inherit', env: gypEnv },
  )
  if (result.status === 0 && existsSync(join(target, mod.artifact))) return
  rmSync(target, { recursive: true, force: true })
  if (mod.optional) {
    return console.log(`${mod.name}: build failed; the kiosk will report PC/SC as unavailable`)
  }
  fail('cli.electron.buildFailed', { version: electronVersion, detail: `${mod.name} build failed` })
}
