import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../electron/cli/paths'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

const RUNS = 7

/** Start-up goals of `npx kiosk` on the two-core development machine, in milliseconds. */
const GOALS = { help: 500, doctor: 1500 } as const

/** Runs `bin/kiosk.js` as `npx kiosk` does; a failure stops the suite (a fast crash is no figure). */
function kiosk(args: readonly string[]): void {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'kiosk.js'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`kiosk ${args.join(' ')} exited ${result.status}: ${result.stderr}`)
  }
}

/** `npx kiosk --help` and `npx kiosk doctor --json`, whole processes, against the goals. */
export const cliBench: BenchSuite = {
  name: 'cli',
  description: `kiosk start-up, whole process, median of ${RUNS} runs (goals: --help ${GOALS.help} ms, doctor ${GOALS.doctor} ms)`,
  async run(print) {
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-bench-cli-'))
    try {
      // The first run builds the CLI bundle if a source changed; the warm-up runs absorb it.
      const help = await time(() => kiosk(['--help']), RUNS, 1)
      print(`${formatTiming('kiosk --help', help)}  ${verdict(help.median, GOALS.help)}`)
      const doctor = await time(() => kiosk(['doctor', '--json', '--data-dir', dataDir]), RUNS, 1)
      print(
        `${formatTiming('kiosk doctor --json', doctor)}  ${verdict(doctor.median, GOALS.doctor)}`,
      )
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
}

function verdict(medianMs: number, goalMs: number): string {
  return medianMs <= goalMs ? `ok (goal ${goalMs} ms)` : `OVER the goal of ${goalMs} ms`
}
