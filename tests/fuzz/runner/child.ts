import { closeSync, openSync, writeSync } from 'node:fs'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { describeThrown, runCaseAsync, runSyncBatch, type Measured } from '../engine/execute'
import { CHUNK, chunkInputs, inputArbitrary } from '../engine/inputs'
import type { CaseFailure, FuzzTarget } from '../engine/target'
import {
  emptyStats,
  failureSignature,
  saveReproducer,
  type FailureReport,
  type TargetStats,
} from './stats'

/** What a child process is told to do (from its command line). */
export interface ChildTask {
  target: FuzzTarget
  seed: number
  /** First case index and one past the last. */
  from: number
  to: number
  /** Cases not to run: they crashed or hung an earlier child, and are already counted. */
  skip: ReadonlySet<number>
  /** File the child overwrites with the index of the case it is about to run. */
  progressFile: string
  outDir: string
}

/** Messages to the parent over the IPC channel. */
export type ChildMessage =
  | { type: 'stats'; next: number; stats: TargetStats }
  | { type: 'failure'; report: FailureReport }
  | { type: 'done'; next: number; stats: TargetStats }

const MAX_SAVED = 20
const REPORTS_PER_SIGNATURE = 3
const REPORT_EVERY_MS = 500

function send(message: ChildMessage): void {
  process.send?.(message)
}

/** Runs cases [from, to) of one target, reporting to the parent; exits when done. */
export async function runChild(task: ChildTask): Promise<void> {
  const run = await task.target.setup()
  const arbitrary = inputArbitrary(run)
  const stats = emptyStats()
  const progress = openSync(task.progressFile, 'w')
  const indexBytes = Buffer.alloc(8)
  let saved = 0
  let lastReport = performance.now()
  let next = task.from

  const markStarted = (index: number): void => {
    indexBytes.writeDoubleLE(index, 0)
    writeSync(progress, indexBytes, 0, 8, 0)
  }
  const recordFailure = (
    index: number,
    input: Uint8Array,
    failure: CaseFailure,
    ms: number,
    growthMb: number,
  ) => {
    stats.failures++
    stats.byKind[failure.kind] = (stats.byKind[failure.kind] ?? 0) + 1
    const signature = failureSignature(failure)
    const seen = stats.bySignature[signature] ?? 0
    stats.bySignature[signature] = seen + 1
    // Every failure is counted; the first few of each kind are saved and reported in full.
    if (seen >= REPORTS_PER_SIGNATURE) return
    const report = { target: task.target.name, caseIndex: index, failure, ms, growthMb }
    const keep = seen === 0 || saved < MAX_SAVED
    if (keep) saved++
    const reproducer = keep ? saveReproducer(task.outDir, report, input, task.seed) : null
    send({ type: 'failure', report: { ...report, reproducer, signature } })
  }
  // A rejection nobody handles, or an exception thrown from a callback, would kill (or silence) a
  // shell: a failure of the case that was running, or had just run, when it surfaced.
  let current: { index: number; input: Uint8Array } = { index: task.from, input: new Uint8Array(0) }
  const stray = (what: string) => (thrown: unknown) => {
    const described = describeThrown(thrown)
    const failure = {
      ...described,
      message: `${what} (case ${current.index} or the one before): ${described.message}`,
    }
    recordFailure(current.index, current.input, failure, 0, 0)
  }
  process.on('unhandledRejection', stray('unhandled rejection'))
  process.on('uncaughtException', stray('uncaught exception'))
  const record = (index: number, input: Uint8Array, { outcome, rssMb }: Measured): void => {
    current = { index, input }
    stats.cases++
    if (outcome.ms > stats.slowestMs) {
      stats.slowestMs = outcome.ms
      stats.slowestCase = index
    }
    stats.peakRssMb = Math.max(stats.peakRssMb, rssMb)
    stats.maxGrowthMb = Math.max(stats.maxGrowthMb, outcome.growthMb)
    if (outcome.kind === 'typed') stats.typed++
    else if (outcome.kind === 'accepted') stats.accepted++
    else recordFailure(index, input, outcome.failure, outcome.ms, outcome.growthMb)
  }
  const maybeReport = (): void => {
    if (performance.now() - lastReport < REPORT_EVERY_MS) return
    lastReport = performance.now()
    send({ type: 'stats', next, stats })
  }

  for (let chunk = Math.floor(task.from / CHUNK); chunk * CHUNK < task.to; chunk++) {
    const base = chunk * CHUNK
    const inputs = chunkInputs(arbitrary, task.seed, task.target.name, chunk)
    const first = Math.max(task.from - base, 0)
    const last = Math.min(task.to - base, inputs.length)
    const wanted = (i: number) => i >= first && i < last && !task.skip.has(base + i)
    if (run.mode === 'async') {
      for (let i = first; i < last; i++) {
        if (wanted(i)) {
          markStarted(base + i)
          record(
            base + i,
            inputs[i] as Uint8Array,
            await runCaseAsync(run, inputs[i] as Uint8Array),
          )
        }
        next = base + i + 1
        maybeReport()
      }
    } else {
      const slice = inputs.slice(0, last)
      let at = first
      while (at < last) {
        const result = runSyncBatch(run, slice, at, {
          before: (i) => markStarted(base + i),
          after: (i, measured) => {
            if (wanted(i)) record(base + i, slice[i] as Uint8Array, measured)
            next = base + i + 1
          },
          skip: (i) => !wanted(i),
        })
        if (result.overrun) {
          const { index, ms } = result.overrun
          stats.cases++
          stats.slowestMs = Math.max(stats.slowestMs, ms)
          const failure: CaseFailure = {
            kind: 'slow',
            message: `still running after ${Math.round(ms)} ms: interrupted`,
          }
          recordFailure(base + index, slice[index] as Uint8Array, failure, ms, 0)
          next = base + index + 1
        }
        at = result.next
        next = base + at
        maybeReport()
        await nextTurn()
      }
    }
    next = base + last
  }
  closeSync(progress)
  await run.dispose?.()
  send({ type: 'done', next: task.to, stats })
}

/** Writes the hex of case `index` (for a case that crashed or hung the process running it). */
export async function reproduceCase(
  task: ChildTask,
  index: number,
  failure: CaseFailure,
): Promise<string> {
  const run = await task.target.setup()
  const inputs = chunkInputs(
    inputArbitrary(run),
    task.seed,
    task.target.name,
    Math.floor(index / CHUNK),
  )
  const input = inputs[index % CHUNK] ?? new Uint8Array(0)
  await run.dispose?.()
  return saveReproducer(
    task.outDir,
    { target: task.target.name, caseIndex: index, failure, ms: 0, growthMb: 0 },
    input,
    task.seed,
  )
}
