import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { PROJECT_ROOT } from './paths'

export interface BinResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `bin/kiosk.js` as `npx kiosk` would, in a child process; for tests. */
export function runKioskBin(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  /** Written to standard input, which is then closed (passwords, one per line); default empty. */
  input?: string,
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'kiosk.js'), ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    child.stdin.end(input ?? '')
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
