#!/usr/bin/env node
// `npm start`: the kiosk on simulated devices. In Electron where its binary is installed or can be
// fetched; otherwise the headless host, opened in the system browser where there is one. Native
// add-ons are built for Electron's ABI only when Electron will run.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'
import { electronBinaryProblem } from '../native/electron-binary.js'

register()
const { bilingualMessage } = await import('../lib/messages/index.ts')
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const electronDir = dirname(require.resolve('electron/package.json'))
/** How long fetching Electron's binary may take before the host is used instead. */
const FETCH_TIMEOUT_MS = Number(process.env.KIOSK_ELECTRON_FETCH_TIMEOUT_MS ?? 120_000)

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** Why Electron cannot run here, after one attempt to fetch its binary; null when it can. */
function electronProblem() {
  const missing = electronBinaryProblem(electronDir)
  if (!missing || process.env.KIOSK_NO_ELECTRON_FETCH) return missing
  console.log(bilingualMessage('start.fetching'))
  spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: 'ignore',
    timeout: FETCH_TIMEOUT_MS,
  })
  return electronBinaryProblem(electronDir) && missing
}

/** The system browser's opener, when this session has a display to open it on. */
function browserOpener() {
  if (process.platform === 'darwin') return 'open'
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null
  return spawnSync('xdg-open', ['--version'], { stdio: 'ignore' }).error ? null : 'xdg-open'
}

function startHost() {
  run(npm, ['run', 'build'])
  const host = spawn(process.execPath, [join(root, 'bin', 'kiosk.js'), 'host'], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'inherit'],
  })
  let opened = false
  host.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    const url = /URL: (\S+)/.exec(chunk.toString())?.[1]
    if (!url || opened) return
    opened = true
    const opener = browserOpener()
    if (opener) spawn(opener, [url], { stdio: 'ignore', detached: true }).unref()
    console.log(bilingualMessage(opener ? 'start.opened' : 'start.openBrowser', { url }))
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal))
  host.on('exit', (code) => process.exit(code ?? 0))
}

const problem = electronProblem()
if (problem) {
  console.log(bilingualMessage('start.fallback', { detail: problem }))
  startHost()
} else {
  run(process.execPath, [join(root, 'native', 'prepare-electron.js')])
  run(npm, ['run', 'build:review'])
  run(npm, ['exec', '--', 'electron-vite', 'preview', '--', '--devices', 'simulated'])
}
