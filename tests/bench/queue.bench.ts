import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
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

const MB = 1024 * 1024

/** The reference upstream in its own process (`kiosk upstream serve`), as a real one would be. */
interface UpstreamProcess {
  url: string
  invite(): string
  close(): Promise<void>
}

function kioskBin(args: string[]) {
  return [join(PROJECT_ROOT, 'bin', 'kiosk.js'), ...args]
}

async function startUpstreamProcess(dataDir: string): Promise<UpstreamProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    kioskBin(['upstream', 'serve', '--port', '0', '--data', dataDir]),
    { stdio: ['ignore', 'pipe', 'ignore'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text)
      if (match?.[1]) resolve(match[1])
    })
    child.on('exit', (code) => reject(new Error(`upstream exited with ${code}`)))
  })
  return {
    url,
    invite() {
      const result = spawnSync(
        process.execPath,
        kioskBin(['upstream', 'invite', '--data', dataDir]),
        {
          encoding: 'utf8',
        },
      )
      const code = result.stdout.trim().split('\n').at(-1)
      if (result.status !== 0 || !code) throw new Error(`invite failed: ${result.stderr}`)
      return code
    },
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

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
  await core.queue.register(upstream.invite())
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

/** Outbox costs: submit latency, sync throughput, memory against queue length, queue queries. */
export const queueBench: BenchSuite = {
  name: 'queue',
  description: 'submit, sync to the local upstream, memory with a long queue, queue-screen queries',
  async run(print) {
    const root = mkdtempSync(join(tmpdir(), 'kiosk-bench-queue-'))
    const upstream = await startUpstreamProcess(join(root, 'upstream'))
    try {
      // 1. Submit latency: sign, encrypt, write + fsync the body, commit row + audit (fsync).
      const core = await station(root, 'submit', upstream)
      for (const size of [0.5 * MB, 1 * MB, 2 * MB]) {
        const submit = submitter(core, syntheticEnrollmentParts(randomBytes, size))
        print(formatTiming(`submit ${size / MB} MB (goal 1 MB ≤ 20 ms)`, await time(submit, 40, 5)))
      }
      await core.close()

      // 2. Sync throughput to the local upstream, over loopback HTTP.
      for (const [label, size, count] of [
        ['64 KB', 64 * 1024, 300],
        ['512 KB', 512 * 1024, 150],
      ] as const) {
        const syncing = await station(root, `sync-${label}`, upstream)
        const submit = submitter(syncing, syntheticEnrollmentParts(randomBytes, size))
        for (let i = 0; i < count; i++) submit()
        const started = performance.now()
        const pass = await syncing.queue.sync.runPass()
        const seconds = (performance.now() - started) / 1000
        print(
          `sync ${count} × ${label} files`.padEnd(38) +
            ` ${(pass.sent / seconds).toFixed(1)} files/s (goal ≥ 100), ${((pass.sent * size) / MB / seconds).toFixed(1)} MB/s, ${pass.sent} sent`,
        )
        await syncing.close()
      }

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
          if (state === 'dead')
            big.queue.repository.markDead(fileId, 'bench', new Date().toISOString())
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
    } finally {
      await upstream.close()
      rmSync(root, { recursive: true, force: true })
    }
  },
}
