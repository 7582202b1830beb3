import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../electron/cli/paths'

/** A small deterministic PRNG (mulberry32), so a schedule can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface KioskRun {
  child: ChildProcess
  stdout: string[]
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The kiosk CLI (bin/kiosk.js) as a child process, its stdout line by line; `input` on stdin. */
export function runKiosk(
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
  input?: string,
): KioskRun {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'kiosk.js'), ...args], {
    env: { ...process.env, ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  })
  // A killed child closes its end: the write's EPIPE is expected then.
  child.stdin?.on('error', () => undefined)
  child.stdin?.end(input)
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
