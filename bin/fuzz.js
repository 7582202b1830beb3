#!/usr/bin/env node
// `npm run fuzz -- [--seed N] [--target NAME] [--cases N]`: every parser of untrusted bytes under
// fuzzing (tests/fuzz/). Child processes it starts come back through this file too.
import { register } from 'tsx/esm/api'

register()
const { runFuzz } = await import('../tests/fuzz/run.ts')
const code = await runFuzz(process.argv.slice(2))
if (process.send) {
  // A child: let the last IPC message out, then leave (servers a target opened must not keep it).
  process.send({ type: 'exit' }, () => process.exit(code))
} else {
  process.exitCode = code
}
