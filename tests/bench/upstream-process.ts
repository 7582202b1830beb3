import { fork } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../electron/cli/paths'

export type UpstreamChildQuestion = { id: number; ask: 'invite' | 'cpu' | 'close' }
/** Where the child keeps its records (`kiosk upstream serve --db URL --bodies DIR`): SQLite without. */
export type UpstreamDatabaseChoice = { database?: string; bodiesDir?: string }
export type UpstreamChildAnswer = { id: number; url?: string; invite?: string; cpuMs?: number }

/** The reference upstream in its own process (upstream-child.ts), as a real one would be. */
export interface UpstreamProcess {
  url: string
  /** A registration code for a station. */
  invite(): Promise<string>
  /** CPU time (user + system) the upstream process has used so far, in milliseconds. */
  cpuMs(): Promise<number>
  close(): Promise<void>
}

export async function startUpstreamProcess(
  dataDir: string,
  database: UpstreamDatabaseChoice = {},
): Promise<UpstreamProcess> {
  const script = join(PROJECT_ROOT, 'tests/bench/upstream-child.ts')
  const child = fork(script, [dataDir, JSON.stringify(database)], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx/esm'],
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  })
  const waiting = new Map<number, (answer: UpstreamChildAnswer) => void>()
  child.on('message', (answer: UpstreamChildAnswer) => {
    waiting.get(answer.id)?.(answer)
    waiting.delete(answer.id)
  })
  const exited = new Promise<never>((_resolve, reject) =>
    child.once('exit', (code) => reject(new Error(`upstream exited with ${code}`))),
  )
  exited.catch(() => undefined)
  let nextId = 1
  const ask = (what: UpstreamChildQuestion['ask']) => {
    const id = nextId++
    const answered = new Promise<UpstreamChildAnswer>((resolve) => waiting.set(id, resolve))
    child.send({ id, ask: what } satisfies UpstreamChildQuestion)
    return Promise.race([answered, exited])
  }
  const started = new Promise<UpstreamChildAnswer>((resolve) => waiting.set(0, resolve))
  const { url } = await Promise.race([started, exited])
  if (!url) throw new Error('the upstream did not say its URL')
  return {
    url,
    invite: async () => (await ask('invite')).invite ?? '',
    cpuMs: async () => (await ask('cpu')).cpuMs ?? Number.NaN,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.send({ id: nextId++, ask: 'close' } satisfies UpstreamChildQuestion)
      }),
  }
}
