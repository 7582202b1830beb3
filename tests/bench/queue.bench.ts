import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../electron/core'
import { PROJECT_ROOT } from '../../electron/cli/paths'
import { syntheticEnrollmentParts } from '../../electron/core/queue'
import { station, submitter } from './queue-station'
import { syncTable } from './queue-sync'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'
import { startUpstreamProcess, type UpstreamProcess } from './upstream-process'

const MB = 1024 * 1024

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
 * Outbox costs: submit latency, memory against queue length, queue queries (on a SQLite upstream),
 * then sync throughput on each backend. `--sync-only` runs the sync figures alone.
 */
export const queueBench: BenchSuite = {
  name: 'queue',
  description: 'submit, sync to the local upstream, memory with a long queue, queue-screen queries',
  async run(print) {
    const syncOnly = process.argv.includes('--sync-only')
    const root = mkdtempSync(join(tmpdir(), 'kiosk-bench-queue-'))
    try {
      // 2. Sync throughput on each backend, over loopback HTTP, and each side's CPU per file.
      if (syncOnly) return await syncTable(root, print)
      const upstream = await startUpstreamProcess(join(root, 'upstream'))
      try {
        await submitFigures(root, upstream, print)
        await memoryFigures(root, upstream, print)
        await queryFigures(root, upstream, print)
      } finally {
        await upstream.close()
      }
      await syncTable(root, print)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
}
