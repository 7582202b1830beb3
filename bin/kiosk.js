#!/usr/bin/env node
// The `kiosk` command. Runs the CLI bundle (bin/cli-bundle.js: built on first use and again
// whenever a source changed), so `npx kiosk …` works right after `npm install` with no build step
// and starts fast. Without esbuild, or with KIOSK_CLI_TSX=1, it runs the TypeScript under tsx.
import { pathToFileURL } from 'node:url'

async function cliEntry() {
  if (process.env.KIOSK_CLI_TSX === '1') return null
  try {
    const { buildBundle, freshBundleEntry } = await import('./cli-bundle.js')
    return freshBundleEntry() ?? (await buildBundle())
  } catch (error) {
    console.error(`kiosk: running without the CLI bundle (${error.message})`)
    return null
  }
}

const entry = await cliEntry()
let runKioskProcess
if (entry) {
  ;({ runKioskProcess } = await import(pathToFileURL(entry).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ runKioskProcess } = await import('../electron/cli/main.ts'))
}
// runKioskProcess installs the process guard (lib/process-guard.ts) before running the command.
process.exitCode = await runKioskProcess(process.argv.slice(2))
