import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createCore, DATABASE_FILE_NAME } from '../../electron/core'
import { OUTBOX_DIR_NAME } from '../../electron/core/queue'
import { PROJECT_ROOT } from '../../electron/cli/paths'
import { startUpstream, type ListeningUpstream } from '../../upstream/server'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy'

/**
 * Crash chaos for the outbox: the kiosk CLI runs as a child process (`sim enroll`, `sync run`)
 * and is killed with SIGKILL at random points — during start-up, between submits, in the middle of
 * a submit, and at every stage of an upload (the kill fires from a proxy in front of the upstream,
 * either before a request reaches the upstream or after the upstream answered it). After the last
 * kill a clean `sync run --until-empty` runs, then the checks: every file the kiosk confirmed is
 * queued, every queued file is on the upstream exactly once with the same hash and a verified
 * receipt, and the audit chain is intact.
 */
export interface ChaosOptions {
  kills: number
  /** Seed of the kill schedule, for reproducing a failing run. */
  seed?: number
  fileSize?: number
  log?: (line: string) => void
}

export interface ChaosReport {
  kills: { total: number; submit: number; upload: number; uploadBeforeForward: number }
  confirmed: number
  queued: number
  onUpstream: number
  duplicates: number
  orphanBodies: number
  problems: string[]
}

/** A small deterministic PRNG (mulberry32), so a schedule can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Run {
  child: ChildProcess
  stdout: string[]
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function runKiosk(args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): Run {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'kiosk.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: string[] = []
  let partial = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      stdout.push(line)
      onLine?.(line)
    }
  })
  child.stderr!.resume()
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return { child, stdout, exited }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined)
  const seed = options.seed ?? Date.now() % 2 ** 31
  const random = prng(seed)
  log(`chaos: ${options.kills} kill points, seed ${seed}`)
  const root = mkdtempSync(join(tmpdir(), 'kiosk-chaos-'))
  const kioskDir = join(root, 'kiosk')
  let upstream: ListeningUpstream | null = null
  let proxy: FaultProxy | null = null
  const report: ChaosReport = {
    kills: { total: 0, submit: 0, upload: 0, uploadBeforeForward: 0 },
    confirmed: 0,
    queued: 0,
    onUpstream: 0,
    duplicates: 0,
    orphanBodies: 0,
    problems: [],
  }
  try {
    upstream = await startUpstream({ dataDir: join(root, 'upstream') })
    proxy = await startFaultProxy(upstream.url, { keepBodies: false })
    const env = { KIOSK_DATA_DIR: kioskDir, KIOSK_UPSTREAM_URL: proxy.url }

    // Small chunks so an upload has many kill points; short backoff so retries come soon.
    const setup = await createCore(
      { dataDir: kioskDir, devices: 'simulated', upstreamUrl: proxy.url, language: 'en' },
      { shell: 'cli' },
    )
    await setup.queue.register(await upstream.registrationCode())
    await setup.close()
    writeFileSync(
      join(kioskDir, 'config.json'),
      JSON.stringify({
        sync: { chunkSize: 16 * 1024, backoffBaseMs: 20, backoffMaxMs: 200, intervalMs: 200 },
      }),
    )

    const confirmed = new Set<string>()
    const size = options.fileSize ?? 60 * 1024
    const exchangesPerFile = 3 + Math.ceil(size / (16 * 1024))
    const waiting = () => {
      const db = new Database(join(kioskDir, DATABASE_FILE_NAME), { readonly: true })
      try {
        return db
          .prepare("SELECT count(*) FROM queue WHERE state = 'queued'")
          .pluck()
          .get() as number
      } finally {
        db.close()
      }
    }
    while (report.kills.total < options.kills) {
      const queuedNow = waiting()
      const upload = queuedNow > 0 && random() < 0.5
      if (!upload) {
        // Submit: kill during start-up, or a little after the first confirmed submit.
        let killAt: (() => void) | null = null
        const run = runKiosk(
          ['sim', 'enroll', '--count', '8', '--placeholders', '--size', String(size)],
          env,
          (line) => {
            const match = /^submitted (\S+)/.exec(line)
            if (match?.[1]) confirmed.add(match[1])
            if (killAt) {
              const fire = killAt
              killAt = null
              setTimeout(fire, Math.floor(random() * 120))
            }
          },
        )
        const kill = () => {
          if (run.child.exitCode === null && run.child.kill('SIGKILL')) {
            report.kills.total++
            report.kills.submit++
          }
        }
        if (random() < 0.2) setTimeout(kill, Math.floor(random() * 2500))
        else killAt = kill
        await run.exited
      } else {
        // Upload: kill when the n-th exchange reaches the proxy, before or after the upstream.
        const target = 1 + Math.floor(random() * (2 + queuedNow * exchangesPerFile))
        const phase = random() < 0.5 ? 'received' : 'answered'
        let seen = 0
        let run: Run | null = null
        proxy.observe((exchange) => {
          if (exchange.phase !== phase || ++seen !== target || !run) return
          if (run.child.exitCode === null && run.child.kill('SIGKILL')) {
            report.kills.total++
            report.kills.upload++
            if (phase === 'received') report.kills.uploadBeforeForward++
          }
        })
        run = runKiosk(['sync', 'run', '--until-empty'], env)
        await run.exited
        proxy.observe(null)
      }
      if (report.kills.total % 10 === 0) log(`  ${report.kills.total} kills`)
    }
    // Every killed run has exited (awaited above), so the kernel has released its locks.

    // Recovery: one clean run must deliver everything that is queued.
    const final = runKiosk(['sync', 'run', '--until-empty', '--json'], env)
    const timer = setTimeout(() => final.child.kill('SIGKILL'), 300_000)
    const exit = await final.exited
    clearTimeout(timer)
    if (exit.code !== 0) report.problems.push(`final sync exited ${exit.code ?? exit.signal}`)

    // Checks, straight from both databases.
    const db = new Database(join(kioskDir, DATABASE_FILE_NAME), { readonly: true })
    try {
      const rows = db.prepare('SELECT file_id, sha256, size, state FROM queue').all() as {
        file_id: string
        sha256: string
        size: number
        state: string
      }[]
      const queued = new Map(rows.map((r) => [r.file_id, r]))
      report.confirmed = confirmed.size
      report.queued = rows.length
      for (const id of confirmed)
        if (!queued.has(id)) report.problems.push(`lost: ${id} was confirmed but is not queued`)
      for (const row of rows) {
        if (row.state !== 'sent') report.problems.push(`${row.file_id} is ${row.state}, not sent`)
        const record = await upstream.ctx.repos.files.get(row.file_id)
        if (!record || record.state !== 'received')
          report.problems.push(`${row.file_id} is not received upstream (${record?.state})`)
        else if (record.sha256 !== row.sha256 || record.size !== row.size)
          report.problems.push(`${row.file_id} differs upstream`)
        const receipt = db.prepare('SELECT 1 FROM receipts WHERE file_id = ?').get(row.file_id)
        if (!receipt) report.problems.push(`${row.file_id} has no receipt`)
      }
      const stats = await upstream.stats()
      report.onUpstream = stats.received + stats.approved + stats.rejected
      report.duplicates = stats.duplicates
      if (report.onUpstream !== rows.length)
        report.problems.push(`upstream holds ${report.onUpstream} files, the kiosk ${rows.length}`)
      const bodies = readdirSync(join(kioskDir, OUTBOX_DIR_NAME)).filter((n) => n.endsWith('.kpkt'))
      report.orphanBodies = bodies.filter((n) => !queued.has(n.slice(0, -5))).length
    } finally {
      db.close()
    }
    const check = await createCore(
      { dataDir: kioskDir, devices: 'simulated', upstreamUrl: proxy.url, language: 'en' },
      { shell: 'cli', randomBytes },
    )
    if (check.audit.verify() !== null) report.problems.push('the audit chain is broken')
    await check.close()
    log(
      `chaos: ${JSON.stringify(report.kills)}, ${report.queued} files, ${report.problems.length} problems`,
    )
    return report
  } finally {
    await proxy?.close()
    await upstream?.close()
    rmSync(root, { recursive: true, force: true })
  }
}
