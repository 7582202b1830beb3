import { fork, type ChildProcess } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ChildMessage } from './child'
import { emptyStats, mergeStats, type FailureReport, type TargetStats } from './stats'

/** No progress for this long once cases run: the case in progress hangs (async ones; sync are cut at 2.5 s). */
export const HANG_MS = 10_000
/** Building seeds (a face image, an SBI simulator, an upstream) may take this long. */
const SETUP_MS = 180_000
/** Resident size at which a child is killed: the case in progress blew up its memory. */
export const RSS_LIMIT_MB = 4096
const POLL_MS = 250

export interface TargetJob {
  target: string
  seed: number
  cases: number
  outDir: string
  /** bin/fuzz.js, which starts tsx and then the child entry. */
  entry: string
}

export interface TargetResult {
  target: string
  stats: TargetStats
  failures: FailureReport[]
  elapsedMs: number
  /** Child processes that died (crash, hang, memory) and were restarted after their case. */
  restarts: number
}

interface Incarnation {
  next: number
  stats: TargetStats
  done: boolean
  killedFor: 'hang' | 'memory' | null
  stderr: string[]
  exit: { code: number | null; signal: NodeJS.Signals | null }
}

function readIndex(file: string): number | null {
  try {
    const bytes = readFileSync(file)
    return bytes.length >= 8 ? bytes.readDoubleLE(0) : null
  } catch {
    return null
  }
}

function residentMb(pid: number | undefined): number {
  if (pid === undefined) return 0
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1]
    return kb ? Number(kb) / 1024 : 0
  } catch {
    return 0
  }
}

function childArgs(
  job: TargetJob,
  from: number,
  skip: readonly number[],
  progressFile: string,
  extra: string[] = [],
) {
  return [
    '--child',
    '--target',
    job.target,
    '--seed',
    String(job.seed),
    '--from',
    String(from),
    '--to',
    String(job.cases),
    '--skip',
    skip.join(','),
    '--progress',
    progressFile,
    '--out',
    job.outDir,
    ...extra,
  ]
}

/** Runs one child from `from` and watches it until it exits. */
function runIncarnation(
  job: TargetJob,
  from: number,
  skip: readonly number[],
  progressFile: string,
  onFailure: (report: FailureReport) => void,
): Promise<Incarnation> {
  return new Promise((resolve) => {
    const child: ChildProcess = fork(job.entry, childArgs(job, from, skip, progressFile), {
      execArgv: [...process.execArgv, `--max-old-space-size=${RSS_LIMIT_MB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    const state: Incarnation = {
      next: from,
      stats: emptyStats(),
      done: false,
      killedFor: null,
      stderr: [],
      exit: { code: null, signal: null },
    }
    child.stderr?.on('data', (chunk: Buffer) => {
      state.stderr.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      state.stderr.splice(0, Math.max(0, state.stderr.length - 30))
    })
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'failure') onFailure(message.report)
      else if (message.type === 'stats' || message.type === 'done') {
        state.next = message.next
        state.stats = message.stats
        if (message.type === 'done') state.done = true
      }
    })
    const started = Date.now()
    let lastIndex: number | null = null
    let lastChange = started
    const timer = setInterval(() => {
      const index = readIndex(progressFile)
      if (index !== lastIndex) {
        lastIndex = index
        lastChange = Date.now()
      }
      const limit = lastIndex === null ? SETUP_MS : HANG_MS
      if (Date.now() - lastChange > limit) state.killedFor = 'hang'
      else if (residentMb(child.pid) > RSS_LIMIT_MB) state.killedFor = 'memory'
      if (state.killedFor) child.kill('SIGKILL')
    }, POLL_MS)
    child.on('exit', (code, signal) => {
      clearInterval(timer)
      state.exit = { code, signal }
      resolve(state)
    })
  })
}

/** Asks a fresh child to save the input of a case that took its process down. */
function saveCrashInput(
  job: TargetJob,
  index: number,
  kind: string,
  message: string,
): Promise<string | null> {
  return new Promise((resolve) => {
    const child = fork(
      job.entry,
      childArgs(job, index, [], join(job.outDir, '.reproduce'), [
        '--reproduce',
        String(index),
        '--kind',
        kind,
        '--message',
        message,
      ]),
      {
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      },
    )
    let path: string | null = null
    child.on('message', (m: { type: string; path?: string }) => {
      if (m.type === 'reproduced' && m.path) path = m.path
    })
    child.on('exit', () => resolve(path))
  })
}

/**
 * Runs every case of one target in child processes: when one dies (a crash, or killed for a hang or
 * for memory), the case it was running is recorded as a failure with its input saved, and a new
 * child carries on after it.
 */
export async function runTarget(job: TargetJob): Promise<TargetResult> {
  const started = Date.now()
  const progressDir = join(job.outDir, '.progress')
  mkdirSync(progressDir, { recursive: true })
  const progressFile = join(progressDir, job.target)
  const failures: FailureReport[] = []
  const skip: number[] = []
  let total = emptyStats()
  let from = 0
  let restarts = 0
  for (;;) {
    writeFileSync(progressFile, '')
    const life = await runIncarnation(job, from, skip, progressFile, (r) => failures.push(r))
    total = mergeStats(total, life.stats)
    if (life.done) break
    const index = readIndex(progressFile)
    if (index === null || skip.includes(index) || restarts > 50) {
      const failure = setupFailure(job, life)
      failures.push(failure)
      total.failures++
      total.bySignature[failure.signature] = (total.bySignature[failure.signature] ?? 0) + 1
      break
    }
    restarts++
    const kind = life.killedFor ?? 'crash'
    const message =
      kind === 'hang'
        ? `no progress for ${HANG_MS / 1000} s: killed`
        : kind === 'memory'
          ? `resident size passed ${RSS_LIMIT_MB} MB: killed`
          : `process died (${life.exit.signal ?? `exit code ${life.exit.code}`}): ${life.stderr.slice(-3).join(' / ')}`
    const reproducer = await saveCrashInput(job, index, kind, message)
    const signature = `${kind} | ${job.target} process`
    failures.push({
      target: job.target,
      caseIndex: index,
      failure: { kind, message },
      ms: 0,
      growthMb: 0,
      reproducer,
      signature,
    })
    total.cases++
    total.failures++
    total.byKind[kind] = (total.byKind[kind] ?? 0) + 1
    total.bySignature[signature] = (total.bySignature[signature] ?? 0) + 1
    skip.push(index)
    from = Math.min(life.next, index)
  }
  return { target: job.target, stats: total, failures, elapsedMs: Date.now() - started, restarts }
}

function setupFailure(job: TargetJob, life: Incarnation): FailureReport {
  const detail = life.stderr.slice(-5).join(' / ') || `exit ${life.exit.signal ?? life.exit.code}`
  return {
    target: job.target,
    caseIndex: -1,
    failure: { kind: 'crash', message: `the target could not run: ${detail}` },
    ms: 0,
    growthMb: 0,
    reproducer: null,
    signature: `crash | setup ${job.target}`,
  }
}
