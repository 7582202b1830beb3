import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..', '..')

export interface HostProcess {
  url: string
  /** The first-run setup code the host printed (a station with no officer), else null. */
  setupCode: string | null
  child: ChildProcess
  /** What the host printed so far (the training upstream's review address follows the URL). */
  output(): string
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>
}

/** Starts `kiosk host` exactly as `npm run host` does (after the build) and reads the URL it prints. */
export async function startHostProcess(args: readonly string[]): Promise<HostProcess> {
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('The renderer is not built: run "npm run build" first (npm test does).')
  }
  const child = spawn(process.execPath, [join(root, 'bin', 'kiosk.js'), 'host', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  let stdout = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kiosk host printed no URL in 20 s.\n${stdout}\n${stderr}`)),
      20_000,
    )
    child.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString()
      const match = /^URL: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(stdout)
      // A setup code, when there is one, is printed before the URL.
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(
        new Error(`kiosk host exited with ${code} before printing a URL.\n${stdout}\n${stderr}`),
      )
    })
  })
  return {
    url,
    setupCode: /Station setup code \(.*?\): ([A-Z0-9]{5}-[A-Z0-9]{5})/.exec(stdout)?.[1] ?? null,
    child,
    output: () => stdout,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode)
        child.once('exit', (code) => resolve(code))
        child.kill('SIGTERM')
      }),
  }
}
