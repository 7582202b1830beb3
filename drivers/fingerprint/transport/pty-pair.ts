import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TransportError } from './errors'

export interface PtyPair {
  /** The host's end (what a driver opens as `serial:PATH`). */
  hostPath: string
  /** The device's end (where a simulator attaches). */
  devicePath: string
  /** Ends socat; both ends then report a hang-up, like a pulled cable. */
  close(): Promise<void>
}

/**
 * Two connected pseudo-terminals from `socat -d -d pty,raw,echo=0 pty,raw,echo=0` (apt: socat), so
 * the real serialport binding can talk to a simulator as it would to a USB-UART cable.
 */
export async function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pty-'))
  const hostPath = join(dir, 'host')
  const devicePath = join(dir, 'device')
  let child: ChildProcess
  try {
    child = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw new TransportError('open-failed', `socat: ${String(error)}`)
  }
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new TransportError('open-failed', `socat: ${error.message}`)),
    ),
  )
  spawnError.catch(() => undefined)

  const started = Date.now()
  // socat says "starting data transfer loop" once both ptys exist.
  while (!(
    existsSync(hostPath) &&
    existsSync(devicePath) &&
    stderr.includes('starting data transfer')
  )) {
    if (child.exitCode !== null || Date.now() - started > timeoutMs) {
      child.kill()
      rmSync(dir, { recursive: true, force: true })
      throw new TransportError('open-failed', `socat did not create the pty pair: ${stderr.trim()}`)
    }
    await Promise.race([new Promise((r) => setTimeout(r, 20)), spawnError])
  }
  return {
    hostPath,
    devicePath,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
