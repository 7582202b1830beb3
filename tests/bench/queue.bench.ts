import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createCore, type Core } from '../../electron/core'
import { PROJECT_ROOT } from '../../electron/cli/paths'
import type { PacketPartInput } from '../../protocol/packet'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'
import { startUpstreamProcess, type UpstreamProcess } from './upstream-process'

const MB = 1024 * 1024

async function station(root: string, name: string, upstream: UpstreamProcess): Promise<Core> {
  const core = await createCore(
    {
      dataDir: join(root, name),
      devices: 'simulated',
      upstreamUrl: upstream.url,
      language: 'en',
      // The bench fills queues far past what a station would accept before syncing.
      freeze: { maxUnsyncedFiles: 1_000_000 },
    },
    { shell: 'cli' },
  )
  await core.queue.register(await upstream.invite())
  return core
}

function submitter(core: Core, parts: PacketPartInput[]) {
  return () =>
    core.submit({
      officerId: 'bench',
      startedAt: new Date().toISOString(),
      parts,
      simulated: true,
    })
}

/** Goals of issue 16, set for 64 KB files (a typical enrollment file without large photos). */
const SYNC_GOALS: Record<string, { filesPerSecond: number; upstreamCpuMs: number }> = {
  '64 KB': { filesPerSecond: 150, upstreamCpuMs: 4 },
}

/**
 * Queues `count` files on a fresh station, syncs them in one pass and reports end-to-end files/s
 * and the CPU time per file of the upstream process (its handling of every request of the pass)
 * and of this one (the station: sealing was done before, so this is signing, sending, verifying).
 */
async function syncFigures(
  root: string,
  upstream: UpstreamProcess,
  run: { label: string; size: number; count: number },
): Promise<string[]> {
  const syncing = await station(root, `sync-${run.label}`, upstream)
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
  const goal = SYNC_GOALS[run.label]
  const rateGoal = goal ? `goal ≥ ${goal.filesPerSecond}` : 'goal set for 64 KB'
  const cpuGoal = goal ? `goal ≤ ${goal.upstreamCpuMs} ms` : 'goal set for 64 KB'
  return [
    `sync ${run.count} × ${run.label} files`.padEnd(38) +
      ` ${(pass.sent / seconds).toFixed(1)} files/s (${rateGoal}), ${((pass.sent * run.size) / MB / seconds).toFixed(1)} MB/s, ${pass.sent} sent${pass.stoppedBecause ? ` (${pass.stoppedBecause})` : ''}`,
    `  upstream CPU per ${run.label} file`.padEnd(38) +
      ` ${(upstreamMs / sent).toFixed(2)} ms (${cpuGoal}); station CPU ${((stationCpu.user + stationCpu.system) / 1000 / sent).toFixed(2)} ms`,
  ]
}

/** Fills the queue with `count` small real files (real submit path), for the memory probe. */
function fill(core: Core, count: number) {
  const parts = syntheticEnrollmentParts(randomBytes, 4096)
  const submit = submitter(core, parts)
  for (let i = 0; i < count; i++) submit()
}

function memoryProbe(dataDir: string, upstreamUrl: string) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx/esm',
      join(PROJECT_ROOT, 'tests/bench/queue-memory-probe.ts'),
      dataDir,
      upstreamUrl,
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  )
  if (result.status !== 0) throw new Error(`memory probe failed: ${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
    afterOpen: number
    afterWork: number
    sent: number
    stopped: string | null
  }
}

type Print = (line: string) => void

async function submitFigures(root: string, upstream: UpstreamProcess, print: Print) {
  // 1. Submit latency: sign, encrypt, write + fsync the body, commit row + audit (fsync).
  const core = await station(root, 'submit', upstream)
  for (const size of [0.5 * MB, 1 * MB, 2 * MB]) {
    const submit = submitter(core, syntheticEnrollmentParts(randomBytes, size))
    print(formatTiming(`submit ${size / MB} MB (goal 1 MB ≤ 20 ms)`, await time(submit, 40, 5)))
  }
  await core.close()
}

async function memoryFigures(root: string, upstream: UpstreamProcess, print: Print) {
  // 3. Resident memory of a station with 1k and 10k queued files (fresh process each).
  for (const count of [1_000, 10_000]) {
    const dir = join(root, `memory-${count}`)
    const filling = await station(root, `memory-${count}`, upstream)
    fill(filling, count)
    await filling.close()
    const rss = memoryProbe(dir, upstream.url)
    print(
      `rss with ${count} queued files`.padEnd(38) +
        ` open ${(rss.afterOpen / MB).toFixed(1)} MB, after status+list+iterate+sync of ${rss.sent}: ${(rss.afterWork / MB).toFixed(1)} MB${rss.stopped ? ` (${rss.stopped})` : ''}`,
    )
  }
}

async function queryFigures(root: string, upstream: UpstreamProcess, print: Print) {
  // 4. Queue-screen queries at 100k rows.
  const big = await station(root, 'rows', upstream)
  const insert = big.db.transaction((n: number) => {
    const states = ['sent', 'sent', 'sent', 'queued', 'dead'] as const
    for (let i = 0; i < n; i++) {
      const fileId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
      big.queue.repository.insert({
        fileId,
        sha256: 'a'.repeat(64),
        size: 500_000 + i,
        upstreamKeyId: 'k',
        officerId: 'bench',
        simulated: true,
        submittedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      })
      const state = states[i % states.length]
      if (state === 'sent') big.queue.repository.markSent(fileId, new Date().toISOString())
      if (state === 'dead') big.queue.repository.markDead(fileId, 'bench', new Date().toISOString())
    }
  })
  insert(100_000)
  print(formatTiming('queue.status at 100k rows', await time(() => big.queue.status(), 50)))
  print(
    formatTiming(
      'queue.list newest 50 at 100k',
      await time(() => big.queue.list({ limit: 50 }), 200),
    ),
  )
  print(
    formatTiming(
      'queue.list dead, page 2, at 100k',
      await time(() => {
        const first = big.queue.list({ state: 'dead', limit: 50 })
        return big.queue.list({
          state: 'dead',
          limit: 50,
          before: first.at(-1)?.submittedAt ?? '',
        })
      }, 200),
    ),
  )
  print(
    formatTiming(
      'due files (sync pick) at 100k',
      await time(() => big.queue.repository.due(new Date().toISOString(), 50), 200),
    ),
  )
  await big.close()
}

/**
 * Outbox costs: submit latency, sync throughput, memory against queue length, queue queries.
 * `--sync-only` runs the sync figures alone.
 */
export const queueBench: BenchSuite = {
  name: 'queue',
  description: 'submit, sync to the local upstream, memory with a long queue, queue-screen queries',
  async run(print) {
    const syncOnly = process.argv.includes('--sync-only')
    const root = mkdtempSync(join(tmpdir(), 'kiosk-bench-queue-'))
    const upstream = await startUpstreamProcess(join(root, 'upstream'))
    try {
      if (!syncOnly) await submitFigures(root, upstream, print)
      // 2. Sync throughput to the local upstream, over loopback HTTP, and each side's CPU per file.
      for (const [label, size, count] of [
        ['64 KB', 64 * 1024, 300],
        ['512 KB', 512 * 1024, 150],
      ] as const) {
        for (const line of await syncFigures(root, upstream, { label, size, count })) print(line)
      }
      if (syncOnly) return
      await memoryFigures(root, upstream, print)
      await queryFigures(root, upstream, print)
    } finally {
      await upstream.close()
      rmSync(root, { recursive: true, force: true })
    }
  },
}
