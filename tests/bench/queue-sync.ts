import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { startBenchPostgres } from './bench-postgres'
import { station, submitter } from './queue-station'
import {
  startUpstreamProcess,
  type UpstreamDatabaseChoice,
  type UpstreamProcess,
} from './upstream-process'

const MB = 1024 * 1024
const LABEL_WIDTH = 38
const COLUMN_WIDTH = 16

/** Goals of issue 16, set for 64 KB files (a typical enrollment file without large photos). */
const SYNC_GOALS: Record<string, { filesPerSecond: number; upstreamCpuMs: number }> = {
  '64 KB': { filesPerSecond: 150, upstreamCpuMs: 4 },
}

const RUNS = [
  { label: '64 KB', size: 64 * 1024, count: 300 },
  { label: '512 KB', size: 512 * 1024, count: 150 },
] as const
type SyncRun = (typeof RUNS)[number]

interface SyncFigure {
  filesPerSecond: number
  mbPerSecond: number
  upstreamCpuMs: number
  stationCpuMs: number
  /** Set when the pass did not send every file (and why). */
  shortfall: string | null
}

/**
 * Queues `count` files on a fresh station, syncs them in one pass and measures end-to-end files/s
 * and the CPU time per file of the upstream process (its handling of every request of the pass)
 * and of this one (the station: sealing was done before, so this is signing, sending, verifying).
 */
async function syncFigure(
  root: string,
  upstream: UpstreamProcess,
  run: { name: string; size: number; count: number },
): Promise<SyncFigure> {
  const syncing = await station(root, run.name, upstream)
  const submit = submitter(syncing, syntheticEnrollmentParts(randomBytes, run.size))
  for (let i = 0; i < run.count; i++) submit()
  const upstreamBefore = await upstream.cpuMs()
  const stationBefore = process.cpuUsage()
  const started = performance.now()
  const pass = await syncing.queue.sync.runPass()
  const seconds = (performance.now() - started) / 1000
  const stationCpu = process.cpuUsage(stationBefore)
  const upstreamMs = (await upstream.cpuMs()) - upstreamBefore
  await syncing.close()
  const sent = Math.max(pass.sent, 1)
  const short = pass.sent < run.count || pass.stoppedBecause
  return {
    filesPerSecond: pass.sent / seconds,
    mbPerSecond: (pass.sent * run.size) / MB / seconds,
    upstreamCpuMs: upstreamMs / sent,
    stationCpuMs: (stationCpu.user + stationCpu.system) / 1000 / sent,
    shortfall: short ? `${pass.sent} of ${run.count} sent (${pass.stoppedBecause ?? '?'})` : null,
  }
}

interface Backend {
  name: string
  choice: (root: string) => Promise<UpstreamDatabaseChoice>
}

/** Every run on one backend, on an upstream process of its own, after a short warm-up pass. */
async function backendFigures(root: string, backend: Backend): Promise<SyncFigure[]> {
  const dir = join(root, backend.name.replace(/\W+/g, '-'))
  const upstream = await startUpstreamProcess(join(dir, 'upstream'), await backend.choice(dir))
  try {
    await syncFigure(dir, upstream, { name: 'warm-up', size: 64 * 1024, count: 30 })
    const figures: SyncFigure[] = []
    for (const run of RUNS)
      figures.push(await syncFigure(dir, upstream, { name: `sync-${run.label}`, ...run }))
    return figures
  } finally {
    await upstream.close()
  }
}

function row(label: string, cells: string[]): string {
  return label.padEnd(LABEL_WIDTH) + cells.map((c) => c.padStart(COLUMN_WIDTH)).join('')
}

function runRows(run: SyncRun, figures: SyncFigure[]): string[] {
  const goal = SYNC_GOALS[run.label]
  const cell = (value: (f: SyncFigure) => number, digits: number) =>
    figures.map((f) => value(f).toFixed(digits))
  const lines = [
    row(
      `sync ${run.count} × ${run.label}: files/s${goal ? ` (goal ≥ ${goal.filesPerSecond})` : ''}`,
      cell((f) => f.filesPerSecond, 1),
    ),
    row(
      '  MB/s',
      cell((f) => f.mbPerSecond, 1),
    ),
    row(
      `  upstream CPU ms/file${goal ? ` (goal ≤ ${goal.upstreamCpuMs})` : ''}`,
      cell((f) => f.upstreamCpuMs, 2),
    ),
    row(
      '  station CPU ms/file',
      cell((f) => f.stationCpuMs, 2),
    ),
  ]
  figures.forEach((f, i) => {
    if (f.shortfall) lines.push(`  column ${i + 1}: ${f.shortfall}`)
  })
  return lines
}

/**
 * Sync throughput to the local upstream over loopback HTTP, side by side on SQLite, PostgreSQL
 * (fsync on) and PostgreSQL with bodies in a directory: one column each, one pass per figure.
 */
export async function syncTable(root: string, print: (line: string) => void): Promise<void> {
  const backends: Backend[] = [{ name: 'SQLite', choice: async () => ({}) }]
  const postgres = await startBenchPostgres(print)
  if (postgres)
    backends.push(
      {
        name: 'PostgreSQL',
        choice: async () => ({ database: await postgres.database('bench_q') }),
      },
      {
        name: 'PG, bodies dir',
        choice: async (dir) => ({
          database: await postgres.database('bench_q_dir'),
          bodiesDir: join(dir, 'bodies'),
        }),
      },
    )
  try {
    const columns: SyncFigure[][] = []
    for (const backend of backends) columns.push(await backendFigures(root, backend))
    print(
      row(
        'sync, one pass (after a warm-up)',
        backends.map((b) => b.name),
      ),
    )
    RUNS.forEach((run, i) => {
      for (const line of runRows(
        run,
        columns.map((figures) => figures[i] as SyncFigure),
      ))
        print(line)
    })
  } finally {
    await postgres?.stop()
  }
}
