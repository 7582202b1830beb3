#!/usr/bin/env node
// The `kiosk` command: runs the TypeScript CLI under tsx, so `npx kiosk …` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../electron/cli/main.ts')
process.exitCode = await runCli(process.argv.slice(2))
