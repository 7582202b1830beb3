import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runCaseAsync, runSyncBatch, type Measured } from './engine/execute'
import type { FailureKind, FuzzTarget } from './engine/target'
import { reproduceCase, runChild } from './runner/child'
import { runTarget, type TargetResult } from './runner/parent'
import { mergeStats, emptyStats } from './runner/stats'
import { fuzzTargets } from './targets'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const ENTRY = join(ROOT, 'bin', 'fuzz.js')
export const DEFAULT_CASES = 100_000
/** A replayed sync case is interrupted after this long (a quadratic parser may run for hours). */
const REPLAY_BUDGET_MS = 30_000

const options = {
  seed: { type: 'string' },
  target: { type: 'string', multiple: true },
  cases: { type: 'string' },
  jobs: { type: 'string' },
  out: { type: 'string' },
  replay: { type: 'string' },
  list: { type: 'boolean' },
  // Internal: a child process running (or reproducing) cases of one target.
  child: { type: 'boolean' },
  from: { type: 'string' },
  to: { type: 'string' },
  skip: { type: 'string' },
  progress: { type: 'string' },
  reproduce: { type: 'string' },
  kind: { type: 'string' },
  message: { type: 'string' },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values']

function findTarget(name: string | undefined): FuzzTarget {
  const target = fuzzTargets.find((t) => t.name === name)
  if (!target)
    throw new Error(`unknown target ${name} (have: ${fuzzTargets.map((t) => t.name).join(', ')})`)
  return target
}

function integer(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`--${what} wants a non-negative integer, got ${text}`)
  return n
}

/** `npm run fuzz -- [--seed N] [--target NAME…] [--cases N] [--jobs N] [--replay FILE] [--list]` */
export async function runFuzz(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options, strict: true })
  if (values.child) return child(values)
  if (values.list) {
    for (const t of fuzzTargets)
      console.log(`${t.name.padEnd(24)} ${t.parses}\n${''.padEnd(24)} typed: ${t.typedErrors}`)
    return 0
  }
  if (values.replay) return replay(values)
  const seed = integer(values.seed, Math.floor(Math.random() * 2 ** 31), 'seed')
  const cases = integer(values.cases, DEFAULT_CASES, 'cases')
  const jobs = Math.max(1, integer(values.jobs, Math.min(2, cpus().length), 'jobs'))
  const outDir = resolve(values.out ?? join(ROOT, 'out', 'fuzz'))
  const targets = (values.target ?? []).flatMap((t) => t.split(',')).filter(Boolean)
  const selected = targets.length ? targets.map((name) => findTarget(name)) : fuzzTargets
  mkdirSync(outDir, { recursive: true })
  console.log(
    `fuzz: seed ${seed}, ${cases} cases per target, ${selected.length} targets, ${jobs} workers, inputs saved under ${outDir}`,
  )
  console.log(
    `      re-run: npm run fuzz -- --seed ${seed}${targets.length ? ` --target ${targets.join(',')}` : ''} --cases ${cases}`,
  )
  const started = Date.now()
  const queue = [...selected]
  const results: TargetResult[] = []
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const result = await runTarget({ target: next.name, seed, cases, outDir, entry: ENTRY })
      results.push(result)
      console.log(line(result))
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker))
  const ordered = selected.map((t) => results.find((r) => r.target === t.name) as TargetResult)
  printSummary(ordered, Date.now() - started)
  writeFileSync(
    join(outDir, 'summary.json'),
    `${JSON.stringify({ seed, cases, results: ordered }, null, 2)}\n`,
  )
  return ordered.some((r) => r.stats.failures > 0) ? 1 : 0
}

async function child(values: Values): Promise<number> {
  const task = {
    target: findTarget(values.target?.[0]),
    seed: integer(values.seed, 0, 'seed'),
    from: integer(values.from, 0, 'from'),
    to: integer(values.to, DEFAULT_CASES, 'to'),
    skip: new Set((values.skip ?? '').split(',').filter(Boolean).map(Number)),
    progressFile: values.progress ?? join(ROOT, 'out', 'fuzz', '.progress', 'child'),
    outDir: values.out ?? join(ROOT, 'out', 'fuzz'),
  }
  if (values.reproduce !== undefined) {
    const kind = (values.kind ?? 'crash') as FailureKind
    const path = await reproduceCase(task, integer(values.reproduce, 0, 'reproduce'), {
      kind,
      message: values.message ?? '',
    })
    process.send?.({ type: 'reproduced', path })
    return 0
  }
  await runChild(task)
  return 0
}

/** Runs one saved input through its target and prints what happened. */
async function replay(values: Values): Promise<number> {
  const target = findTarget(values.target?.[0])
  const input = new Uint8Array(
    Buffer.from(readFileSync(values.replay as string, 'utf8').trim(), 'hex'),
  )
  const run = await target.setup()
  let measured: Measured | undefined
  if (run.mode === 'async') measured = await runCaseAsync(run, input)
  else {
    const stuck = runSyncBatch(
      run,
      [input],
      0,
      { before: () => undefined, after: (_i, m) => (measured = m) },
      REPLAY_BUDGET_MS,
    )
    if (stuck.overrun)
      console.log(
        `${target.name}: still running after ${Math.round(stuck.overrun.ms)} ms: interrupted`,
      )
  }
  await run.dispose?.()
  if (!measured) return 1
  const { outcome } = measured
  console.log(
    `${target.name}: ${input.length} bytes → ${outcome.kind} in ${outcome.ms.toFixed(1)} ms, grew ${outcome.growthMb.toFixed(1)} MB`,
  )
  if (outcome.kind === 'failure') {
    console.log(`${outcome.failure.kind}: ${outcome.failure.message}`)
    if (outcome.failure.stack) console.log(outcome.failure.stack)
    return 1
  }
  return 0
}

const COLUMNS = [
  'target',
  'cases',
  'typed',
  'accepted',
  'failures',
  'slowest ms',
  'peak MB',
  'max case MB',
  'time s',
]
const WIDTHS = [24, 8, 8, 9, 9, 11, 8, 12, 8]

function row(cells: readonly (string | number)[]): string {
  return cells
    .map((c, i) =>
      i === 0 ? String(c).padEnd(WIDTHS[i] ?? 8) : String(c).padStart(WIDTHS[i] ?? 8),
    )
    .join(' ')
}

function line(r: TargetResult): string {
  const s = r.stats
  return row([
    r.target,
    s.cases,
    s.typed,
    s.accepted,
    s.failures,
    s.slowestMs.toFixed(1),
    Math.round(s.peakRssMb),
    s.maxGrowthMb.toFixed(1),
    (r.elapsedMs / 1000).toFixed(1),
  ])
}

function printSummary(results: readonly TargetResult[], elapsedMs: number): void {
  console.log(`\n${row(COLUMNS)}`)
  for (const r of results) console.log(line(r))
  const total = results.reduce((t, r) => mergeStats(t, r.stats), emptyStats())
  console.log(
    row([
      'total',
      total.cases,
      total.typed,
      total.accepted,
      total.failures,
      total.slowestMs.toFixed(1),
      Math.round(total.peakRssMb),
      total.maxGrowthMb.toFixed(1),
      (elapsedMs / 1000).toFixed(1),
    ]),
  )
  const groups = new Map<string, { count: number; first: TargetResult['failures'][number] }>()
  for (const r of results) {
    for (const f of r.failures) {
      if (!groups.has(`${r.target} ${f.signature}`))
        groups.set(`${r.target} ${f.signature}`, {
          count: r.stats.bySignature[f.signature] ?? 1,
          first: f,
        })
    }
  }
  if (groups.size === 0) {
    console.log('\nno failures')
    return
  }
  console.log(`\n${total.failures} failures, ${groups.size} distinct:`)
  for (const { count, first } of groups.values()) {
    console.log(
      `  ${first.target} ${first.failure.kind} ×${count}: ${first.failure.message.slice(0, 200)}`,
    )
    if (first.reproducer) console.log(`    ${first.reproducer}`)
  }
}
