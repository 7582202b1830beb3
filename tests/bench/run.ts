import { barcodeBench } from './barcode.bench'
import { bodiesBench } from './bodies.bench'
import { cameraBench } from './camera.bench'
import { cardBench } from './card.bench'
import { cliBench } from './cli.bench'
import { coreBench } from './core.bench'
import { icaoProtocolsBench } from './icao-protocols.bench'
import { jpeg2000Bench } from './jpeg2000.bench'
import { paBench } from './pa.bench'
import { fpBench } from './fp.bench'
import { officersBench } from './officers.bench'
import { queueBench } from './queue.bench'
import { workflowBench } from './workflow.bench'
import { wsqBench } from './wsq.bench'

/** A benchmark suite prints its own figures; `npm run bench -- NAME` runs one, no name runs all. */
export interface BenchSuite {
  name: string
  description: string
  run(print: (line: string) => void): Promise<void>
}

const suites: BenchSuite[] = [
  coreBench,
  icaoProtocolsBench,
  paBench,
  cardBench,
  fpBench,
  jpeg2000Bench,
  queueBench,
  bodiesBench,
  cliBench,
  officersBench,
  cameraBench,
  barcodeBench,
  workflowBench,
  wsqBench,
]

export async function runBenchmarks(args: readonly string[]): Promise<number> {
  // Arguments starting with "--" are options a suite reads itself (e.g. --fp-pairs=N).
  const names = args.filter((a) => !a.startsWith('--'))
  const unknown = names.filter((n) => !suites.some((s) => s.name === n))
  if (unknown.length) {
    console.error(
      `Không có bộ đo này / Unknown benchmark: ${unknown.join(', ')} (have: ${suites.map((s) => s.name).join(', ')})`,
    )
    return 1
  }
  for (const suite of suites.filter((s) => names.length === 0 || names.includes(s.name))) {
    console.log(`\n== ${suite.name}: ${suite.description}`)
    await suite.run((line) => console.log(`  ${line}`))
  }
  return 0
}
