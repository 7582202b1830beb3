#!/usr/bin/env node
// `npm run bench -- [suite…]`: prints the benchmark figures (see tests/bench/).
import { register } from 'tsx/esm/api'

register()
const { runBenchmarks } = await import('../tests/bench/run.ts')
process.exitCode = await runBenchmarks(process.argv.slice(2))
