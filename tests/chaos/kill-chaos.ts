import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createCore, DATABASE_FILE_NAME } from '../../electron/core'
import { OUTBOX_DIR_NAME } from '../../electron/core/queue'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy'
import { openChaosUpstream, type ChaosUpstream } from './chaos-upstream'
import { prng, runKiosk, type KioskRun } from './kiosk-process'

/**
 * Crash chaos for the outbox: the kiosk CLI runs as a child process (`sim enroll`, `sync run`)
 * and is killed with SIGKILL at random points — during start-up, between submits, in the middle of
 * a submit, and at every stage of an upload (the kill fires from a proxy in front of the upstream,
 * either before a request reaches the upstream or after the upstream answered it). With
 * `database` (PostgreSQL) the upstream is two `kiosk upstream serve --db` processes behind a
 * round-robin proxy, and half of the upload rounds SIGKILL one of them instead (at any point of a
 * request's handling; it is started again while the other serves). After the last kill a clean
 * `sync run --until-empty` runs, then the checks: every file the kiosk confirmed is queued, every
 * queued file is on the upstream exactly once with the same hash and a verified receipt, and the
 * audit chain is intact.
 */
export interface ChaosOptions {
  kills: number
  /** Seed of the kill schedule, for reproducing a failing run. */
  seed?: number
  fileSize?: number
  /** A PostgreSQL URL (an empty database): two upstream processes on it, killed too. */
  database?: string
  log?: (line: string) => void
}

export interface ChaosReport {
  kills: {
    total: number
    submit: number
    upload: number
    uploadBeforeForward: number
    /** SIGKILLs of an upstream process (PostgreSQL variant). */
    upstream: number
  }
  confirmed: number
  queued: number
  onUpstream: number
  /** Uploads the upstream answered as duplicates of a file it already had. */
  duplicates: number
  orphanBodies: number
  seconds: number
  problems: string[]
}

const CHUNK_SIZE = 16 * 1024

/** What every round of a run shares. */
interface Run {
  random: () => number
  report: ChaosReport
  env: NodeJS.ProcessEnv
  kioskDir: string
  proxy: FaultProxy
  upstream: ChaosUpstream
  size: number
  confirmed: Set<string>
}

function queuedCount(kioskDir: string): number {
  const db = new Database(join(kioskDir, DATABASE_FILE_NAME), { readonly: true })
  try {
    return db.prepare("SELECT count(*) FROM queue WHERE state = 'queued'").pluck().get() as number
  } finally {
    db.close()
  }
}

/** Submit: kill during start-up, or a little after the first confirmed submit. */
async function submitRound(run: Run): Promise<void> {
  const { random, report, confirmed } = run
  let killAt: (() => void) | null = null
  const args = ['sim', 'enroll', '--count', '8', '--placeholders', '--size', String(run.size)]
  const signIn = ['--as', OFFICER.username]
  const kiosk = runKiosk(
    [...args, ...signIn],
    run.env,
    (line) => {
      const match = /^submitted (\S+)/.exec(line)
      if (match?.[1]) confirmed.add(match[1])
      if (killAt) {
        const fire = killAt
        killAt = null
        setTimeout(fire, Math.floor(random() * 120))
      }
    },
    `${OFFICER.password}\n`,
  )
  const kill = () => {
    if (kiosk.child.exitCode === null && kiosk.child.kill('SIGKILL')) {
      report.kills.total++
      report.kills.submit++
    }
  }
  if (random() < 0.2) setTimeout(kill, Math.floor(random() * 2500))
  else killAt = kill
  await kiosk.exited
}

/** The n-th exchange of an upload round, somewhere among those its queue needs. */
function uploadTarget(run: Run, queuedNow: number): number {
  const exchangesPerFile = 3 + Math.ceil(run.size / CHUNK_SIZE)
  return 1 + Math.floor(run.random() * (2 + queuedNow * exchangesPerFile))
}

/** Upload: kill the kiosk when the n-th exchange reaches the proxy, before or after the upstream. */
async function kioskUploadRound(run: Run, queuedNow: number): Promise<void> {
  const { report } = run
  const target = uploadTarget(run, queuedNow)
  const phase = run.random() < 0.5 ? 'received' : 'answered'
  let seen = 0
  let kiosk: KioskRun | null = null
  run.proxy.observe((exchange) => {
    if (exchange.phase !== phase || ++seen !== target || !kiosk) return
    if (kiosk.child.exitCode === null && kiosk.child.kill('SIGKILL')) {
      report.kills.total++
      report.kills.upload++
      if (phase === 'received') report.kills.uploadBeforeForward++
    }
  })
  kiosk = runKiosk(['sync', 'run', '--until-empty'], run.env)
  await kiosk.exited
  run.proxy.observe(null)
}

/** Upload: kill the upstream process the n-th request went to, 0–40 ms into its handling. */
async function upstreamKillRound(run: Run, queuedNow: number): Promise<void> {
  const pair = run.upstream.pair
  if (!pair) return
  const target = uploadTarget(run, queuedNow)
  pair.armKill(target, Math.floor(run.random() * 40), () => {
    run.report.kills.total++
    run.report.kills.upstream++
  })
  await runKiosk(['sync', 'run', '--until-empty'], run.env).exited
  pair.disarm()
  await pair.settled()
}

/** The checks, straight from the kiosk's database and the upstream's store. */
async function checkOutcome(run: Run): Promise<void> {
  const { report, kioskDir } = run
  const files = run.upstream.records.ctx.repos.files
  const db = new Database(join(kioskDir, DATABASE_FILE_NAME), { readonly: true })
  try {
    const rows = db.prepare('SELECT file_id, sha256, size, state FROM queue').all() as {
      file_id: string
      sha256: string
      size: number
      state: string
    }[]
    const queued = new Map(rows.map((r) => [r.file_id, r]))
    report.confirmed = run.confirmed.size
    report.queued = rows.length
    for (const id of run.confirmed)
      if (!queued.has(id)) report.problems.push(`lost: ${id} was confirmed but is not queued`)
    for (const row of rows) {
      if (row.state !== 'sent') report.problems.push(`${row.file_id} is ${row.state}, not sent`)
      const record = await files.get(row.file_id)
      if (!record || record.state !== 'received')
        report.problems.push(`${row.file_id} is not received upstream (${record?.state})`)
      else if (record.sha256 !== row.sha256 || record.size !== row.size)
        report.problems.push(`${row.file_id} differs upstream`)
      const receipt = db.prepare('SELECT 1 FROM receipts WHERE file_id = ?').get(row.file_id)
      if (!receipt) report.problems.push(`${row.file_id} has no receipt`)
    }
    const stats = await run.upstream.records.stats()
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
    { dataDir: kioskDir, devices: 'simulated', upstreamUrl: run.proxy.url, language: 'en' },
    { shell: 'cli', randomBytes },
  )
  if (check.audit.verify() !== null) report.problems.push('the audit chain is broken')
  await check.close()
}

/** The station's officer who signs in for `sim enroll` (the upstream is not a training one). */
const OFFICER = { username: 'chief', password: 'đèn đỏ đầu ngõ 47' }

/**
 * Registers the kiosk and makes its first officer; small chunks so an upload has many kill
 * points, short backoff.
 */
async function setUpKiosk(kioskDir: string, proxyUrl: string, code: string): Promise<void> {
  const init = runKiosk(
    ['officers', 'init', '--username', OFFICER.username, '--name', 'Trần Văn Bình'],
    { KIOSK_DATA_DIR: kioskDir },
    undefined,
    `${OFFICER.password}\n${OFFICER.password}\n`,
  )
  const created = await init.exited
  if (created.code !== 0) throw new Error(`kiosk officers init failed: ${init.stdout.join('\n')}`)
  const setup = await createCore(
    { dataDir: kioskDir, devices: 'simulated', upstreamUrl: proxyUrl, language: 'en' },
    { shell: 'cli' },
  )
  await setup.queue.register(code)
  await setup.close()
  writeFileSync(
    join(kioskDir, 'config.json'),
    JSON.stringify({
      sync: { chunkSize: CHUNK_SIZE, backoffBaseMs: 20, backoffMaxMs: 200, intervalMs: 200 },
    }),
  )
}

async function killRounds(run: Run, kills: number, log: (line: string) => void): Promise<void> {
  while (run.report.kills.total < kills) {
    const queuedNow = queuedCount(run.kioskDir)
    const upload = queuedNow > 0 && run.random() < 0.5
    if (!upload) await submitRound(run)
    else if (run.upstream.pair && run.random() < 0.5) await upstreamKillRound(run, queuedNow)
    else await kioskUploadRound(run, queuedNow)
    if (run.report.kills.total % 10 === 0) log(`  ${run.report.kills.total} kills`)
  }
  // Every killed run has exited (awaited above), so the kernel has released its locks.
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined)
  const seed = options.seed ?? Date.now() % 2 ** 31
  const started = Date.now()
  const variant = options.database ? 'two upstream processes on PostgreSQL' : 'SQLite upstream'
  log(`chaos: ${options.kills} kill points, seed ${seed}, ${variant}`)
  const root = mkdtempSync(join(tmpdir(), 'kiosk-chaos-'))
  const kioskDir = join(root, 'kiosk')
  let upstream: ChaosUpstream | null = null
  let proxy: FaultProxy | null = null
  const report: ChaosReport = {
    kills: { total: 0, submit: 0, upload: 0, uploadBeforeForward: 0, upstream: 0 },
    ...{ confirmed: 0, queued: 0, onUpstream: 0, duplicates: 0, orphanBodies: 0, seconds: 0 },
    problems: [],
  }
  try {
    upstream = await openChaosUpstream(join(root, 'upstream'), options.database)
    proxy = await startFaultProxy(upstream.url, { keepBodies: false })
    const env = { KIOSK_DATA_DIR: kioskDir, KIOSK_UPSTREAM_URL: proxy.url }
    await setUpKiosk(kioskDir, proxy.url, await upstream.records.registrationCode())
    const size = options.fileSize ?? 60 * 1024
    const run: Run = {
      random: prng(seed),
      report,
      env,
      kioskDir,
      proxy,
      upstream,
      size,
      confirmed: new Set(),
    }
    await killRounds(run, options.kills, log)

    // Recovery: one clean run must deliver everything that is queued.
    const final = runKiosk(['sync', 'run', '--until-empty', '--json'], env)
    const timer = setTimeout(() => final.child.kill('SIGKILL'), 300_000)
    const exit = await final.exited
    clearTimeout(timer)
    if (exit.code !== 0) report.problems.push(`final sync exited ${exit.code ?? exit.signal}`)
    await checkOutcome(run)
    report.seconds = Math.round((Date.now() - started) / 100) / 10
    log(
      `chaos: ${JSON.stringify(report.kills)}, ${report.queued} files, ${report.duplicates} ` +
        `answered as duplicates, ${report.seconds} s, ${report.problems.length} problems`,
    )
    return report
  } finally {
    await proxy?.close()
    await upstream?.close()
    rmSync(root, { recursive: true, force: true })
  }
}
