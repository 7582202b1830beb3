import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BarcodeLinkError } from './link'

export interface PtyPair {
  /** The kiosk's end: what the driver opens as a serial port. */
  hostPath: string
  /** The scanner's end: where the simulator writes. */
  devicePath: string
  /** Ends socat; both ends then hang up, like a pulled cable. */
  close(): Promise<void>
}

/** Whether `socat` (apt: socat) is on the PATH; the pty tests need it. */
export function socatAvailable(): boolean {
  return spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0
}

/**
 * Two connected pseudo-terminals from `socat pty,raw,echo=0 pty,raw,echo=0`, so the real
 * serialport binding reads a simulated scanner as it would a USB-CDC one.
 */
export async function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-barcode-pty-'))
  const hostPath = join(dir, 'host')
  const devicePath = join(dir, 'device')
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  let failure: Error | null = null
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  child.once('error', (error) => (failure = error))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // socat says "starting data transfer loop" once both ptys exist.
  for (let waited = 0; !(existsSync(devicePath) && stderr.includes('starting data transfer'));) {
    if (failure || child.exitCode !== null || waited > timeoutMs) {
      child.kill()
      rmSync(dir, { recursive: true, force: true })
      const why = failure ? String(failure) : stderr.trim()
      throw new BarcodeLinkError('open-failed', `socat did not create the pty pair: ${why}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
    waited += 20
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
