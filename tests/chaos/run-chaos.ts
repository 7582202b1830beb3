// `npx tsx tests/chaos/run-chaos.ts [--kills 200] [--seed N]`: the full crash chaos run.
import { parseArgs } from 'node:util'
import { runChaos } from './kill-chaos'

const { values } = parseArgs({
  options: { kills: { type: 'string' }, seed: { type: 'string' } },
})
const report = await runChaos({
  kills: Number(values.kills ?? '200'),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  log: (line) => console.log(line),
})
console.log(JSON.stringify(report, null, 2))
process.exitCode = report.problems.length === 0 ? 0 : 1
