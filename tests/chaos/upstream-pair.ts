import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../electron/cli/paths'
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/round-robin-proxy'

/**
 * Two `kiosk upstream serve --db URL` processes on one PostgreSQL database and one data directory
 * (its keys, made before they start), behind a round-robin proxy. `armKill` SIGKILLs the process
 * that the n-th forwarded request went to, a little after it went (so at any point of its
 * handling), and starts that process again; the other one serves meanwhile.
 */
export interface UpstreamPair {
  readonly url: string
  /** Kill at the `target`-th request from now (1-based), `delayMs` after it was forwarded. */
  armKill(target: number, delayMs: number, onKill: () => void): void
  disarm(): void
  /** Resolves once every killed process is serving again. */
  settled(): Promise<void>
  close(): Promise<void>
}

interface Serving {
  child: ChildProcess
  exited: Promise<void>
}

const START_TIMEOUT_MS = 60_000

/** Starts one `kiosk upstream serve`; resolves with its URL once it prints it. */
function serve(dataDir: string, database: string): Promise<Serving & { url: string }> {
  const child = spawn(
    process.execPath,
    [
      join(PROJECT_ROOT, 'bin', 'kiosk.js'),
      'upstream',
      'serve',
      '--data',
      dataDir,
      '--db',
      database,
      '--port',
      '0',
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`upstream serve did not start:\n${stdout}\n${stderr}`))
    }, START_TIMEOUT_MS)
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString()
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/review\//.exec(stdout)
      if (!match?.[1]) return
      clearTimeout(timer)
      child.stdout!.resume()
      resolve({ child, exited, url: match[1] })
    })
    void exited.then(() => reject(new Error(`upstream serve ended:\n${stdout}\n${stderr}`)))
  })
}

export async function startUpstreamPair(dataDir: string, database: string): Promise<UpstreamPair> {
  const first = await Promise.all([serve(dataDir, database), serve(dataDir, database)])
  const processes: Serving[] = [...first]
  const proxy: RoundRobinProxy = await startRoundRobinProxy(first.map((s) => s.url))
  const restarts = new Set<Promise<void>>()
  let failure: Error | null = null

  const restart = (slot: number) => {
    const done = (async () => {
      await processes[slot]?.exited
      const again = await serve(dataDir, database)
      processes[slot] = again
      proxy.setBackend(slot, again.url)
    })()
    restarts.add(done)
    done.then(
      () => restarts.delete(done),
      (error: Error) => {
        restarts.delete(done)
        failure = error
      },
    )
  }

  return {
    url: proxy.url,
    armKill(target, delayMs, onKill) {
      let seen = 0
      proxy.onForward(({ backend }) => {
        // One process down at a time: the other one keeps serving.
        if (++seen !== target || restarts.size > 0) return
        proxy.onForward(null)
        setTimeout(() => {
          const victim = processes[backend]?.child
          if (!victim || victim.exitCode !== null || !victim.kill('SIGKILL')) return
          proxy.setBackend(backend, null)
          onKill()
          restart(backend)
        }, delayMs)
      })
    },
    disarm: () => proxy.onForward(null),
    async settled() {
      while (restarts.size > 0) await Promise.allSettled([...restarts])
      if (failure) throw failure
    },
    async close() {
      proxy.onForward(null)
      await Promise.allSettled([...restarts])
      for (const { child } of processes) if (child.exitCode === null) child.kill('SIGTERM')
      await Promise.all(processes.map((p) => p.exited))
      await proxy.close()
    },
  }
}
