import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../../electron/cli/paths'

export interface SimCardProcess {
  output: () => string
  stop(): Promise<number | null>
}

/** Starts `kiosk sim card …` and resolves once it printed "ready" (the card is in the reader). */
export function startSimCard(args: readonly string[], timeoutMs = 20_000): Promise<SimCardProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'bin', 'kiosk.js'), 'sim', 'card', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let out = ''
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`sim card did not get ready in ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const onData = (chunk: Buffer): void => {
      out += chunk.toString()
      if (/^ready$/m.test(out)) {
        clearTimeout(timer)
        resolve({
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM')
            return exited
          },
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`sim card exited (${code}) before it was ready:\n${out}`))
    })
  })
}
