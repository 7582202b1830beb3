import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where each test run records the PIDs it started, so a later run can end a crashed run's. */
const LEDGER_DIR = join(tmpdir(), 'kiosk-test-services')

/** The kernel's start time of a process (field 22 of /proc/PID/stat), null when it is gone. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

interface LedgerEntry {
  pid: number
  startTime: string
}

function ledgerFile(owner: number): string {
  return join(LEDGER_DIR, `${owner}.json`)
}

/**
 * Ends what earlier runs started and never stopped (their runner was killed): by PID, and only a
 * process whose start time still matches the one recorded, so a reused PID is never touched.
 */
export function endOrphans(): number {
  mkdirSync(LEDGER_DIR, { recursive: true })
  let ended = 0
  for (const name of readdirSync(LEDGER_DIR)) {
    const owner = Number(name.replace(/\.json$/, ''))
    if (processStartTime(owner) !== null) continue // that run is still going
    const entries = JSON.parse(readFileSync(join(LEDGER_DIR, name), 'utf8')) as LedgerEntry[]
    for (const { pid, startTime } of entries) {
      if (processStartTime(pid) === startTime) {
        process.kill(pid, 'SIGKILL')
        ended++
      }
    }
    rmSync(join(LEDGER_DIR, name), { force: true })
  }
  return ended
}

/** A started service: its process, and a stop that waits for it to be gone. */
export interface Service {
  readonly name: string
  readonly child: ChildProcess
  stop(): Promise<void>
}

const started: LedgerEntry[] = []

function record(pid: number): void {
  const startTime = processStartTime(pid)
  if (startTime === null) return
  started.push({ pid, startTime })
  mkdirSync(LEDGER_DIR, { recursive: true })
  writeFileSync(ledgerFile(process.pid), JSON.stringify(started))
}

function forget(pid: number): void {
  const index = started.findIndex((entry) => entry.pid === pid)
  if (index >= 0) started.splice(index, 1)
  if (started.length) writeFileSync(ledgerFile(process.pid), JSON.stringify(started))
  else rmSync(ledgerFile(process.pid), { force: true })
}

/** Starts `command` with its output in `logFile`, recorded in the ledger until it is stopped. */
export function startService(
  name: string,
  command: string,
  args: readonly string[],
  options: {
    env?: NodeJS.ProcessEnv
    logFile: string
    /** Run as this user and group (a server that refuses root). */
    identity?: { uid: number; gid: number }
  },
): Service {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.identity ?? {}),
  })
  const log: Buffer[] = []
  const flush = () => writeFileSync(options.logFile, Buffer.concat(log))
  child.stdout?.on('data', (chunk: Buffer) => (log.push(chunk), flush()))
  child.stderr?.on('data', (chunk: Buffer) => (log.push(chunk), flush()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  if (child.pid !== undefined) record(child.pid)
  return {
    name,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
      if (child.pid !== undefined) forget(child.pid)
    },
  }
}

/** Resolves when `ready(log)` holds for the service's log, rejects with the log on exit or timeout. */
export function waitForLog(
  service: Service,
  logFile: string,
  ready: (log: string) => boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const read = () => {
    try {
      return readFileSync(logFile, 'utf8')
    } catch {
      return ''
    }
  }
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearInterval(poll)
      clearTimeout(timer)
      service.child.off('exit', onExit)
      if (error) reject(error)
      else resolve()
    }
    const check = () => ready(read()) && finish()
    const onExit = () => finish(new Error(`${service.name} exited before it was ready:\n${read()}`))
    // The log is a file written by another process: there is no event to wait on.
    const poll = setInterval(check, 50)
    const timer = setTimeout(
      () => finish(new Error(`${service.name} not ready in ${timeoutMs} ms:\n${read()}`)),
      timeoutMs,
    )
    service.child.once('exit', onExit)
    check()
  })
}

/** Two consecutive free TCP ports on loopback and any address (vpcd listens on 0.0.0.0). */
export async function freePortPair(from = 40_000, to = 60_000): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = from + Math.floor(Math.random() * (to - from - 1))
    if ((await portFree(base)) && (await portFree(base + 1))) return base
  }
  throw new Error('no two consecutive free TCP ports found')
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)))
  })
}
