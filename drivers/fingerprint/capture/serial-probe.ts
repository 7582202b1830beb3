import { readdir } from 'node:fs/promises'
import { Ef01Driver } from '../ef01/driver'
import type { ByteStream } from '../transport/byte-stream'
import type { SerialPortInfo } from '../transport/device-list'
import { openSerialTransport } from '../transport/serial-transport'

/** EF01's factory rate first, then the rates its baud-rate parameter can be set to, most used first. */
export const EF01_PROBE_BAUD_RATES: readonly number[] = [57600, 115200, 9600, 19200, 38400]

/** Why a probed port holds no module we can use. */
export const EF01_SKIP_REASONS = ['busy', 'no-answer', 'cancelled'] as const
export type Ef01SkipReason = (typeof EF01_SKIP_REASONS)[number]

/** What probing one serial port found: an EF01 module at a rate, or why nothing was found. */
export type Ef01PortFinding =
  | { path: string; found: true; baudRate: number; librarySize: number }
  | { path: string; found: false; reason: Ef01SkipReason; detail: string }

export interface Ef01ProbeOptions {
  baudRates?: readonly number[]
  /** Per rate: a module answers its handshake or password check within a few ms. */
  timeoutMs?: number
  signal?: AbortSignal
  open?: (path: string, baudRate: number) => Promise<ByteStream>
}

const openPort = (path: string, baudRate: number) => openSerialTransport({ path, baudRate })

/**
 * Looks for an EF01 module on one port: at each rate, the driver's own opening (handshake, then
 * password check, then system parameters; each read-only on the module). A port another program
 * holds is skipped at once (serialport locks ports it opens), so a port that is not ours is left alone.
 */
export async function probeEf01Port(
  path: string,
  options: Ef01ProbeOptions = {},
): Promise<Ef01PortFinding> {
  const timeoutMs = options.timeoutMs ?? 300
  const open = options.open ?? openPort
  const tried: number[] = []
  for (const baudRate of options.baudRates ?? EF01_PROBE_BAUD_RATES) {
    if (options.signal?.aborted) {
      const detail = tried.length ? `after ${tried.join(', ')} Bd` : 'before the first rate'
      return { path, found: false, reason: 'cancelled', detail }
    }
    let stream: ByteStream
    try {
      stream = await open(path, baudRate)
    } catch (error) {
      return { path, found: false, reason: 'busy', detail: (error as Error).message }
    }
    const driver = new Ef01Driver(stream, {
      handshakeTimeoutMs: timeoutMs,
      ackTimeoutMs: timeoutMs,
      quietLimitMs: timeoutMs,
    })
    tried.push(baudRate)
    try {
      const info = await driver.open()
      return { path, found: true, baudRate, librarySize: info.parameters.librarySize }
    } catch {
      // Nothing that speaks EF01 at this rate; try the next.
    } finally {
      await driver.close().catch(() => undefined)
    }
  }
  return {
    path,
    found: false,
    reason: 'no-answer',
    detail: `no EF01 answer at ${tried.join(', ')} Bd`,
  }
}

/**
 * The ports worth probing: USB serial ports serialport lists with USB ids (an on-board UART is
 * never a scanner), and the USB-serial device nodes in /dev it may not list (no udev database).
 */
export async function ef01CandidatePorts(
  listed: readonly SerialPortInfo[],
  devNames: () => Promise<string[]> = () => readdir('/dev'),
): Promise<string[]> {
  const paths = new Set(listed.filter((p) => p.vendorId && p.productId).map((p) => p.path))
  try {
    for (const name of await devNames()) {
      if (/^tty(USB|ACM)\d+$/.test(name)) paths.add(`/dev/${name}`)
    }
  } catch {
    // No /dev to read (not Linux): the listing alone decides.
  }
  return [...paths].sort()
}

/** Probes the ports one after another (two probes on one adapter would garble each other). */
export async function probeEf01Ports(
  paths: readonly string[],
  options: Ef01ProbeOptions = {},
): Promise<Ef01PortFinding[]> {
  const findings: Ef01PortFinding[] = []
  for (const path of paths) findings.push(await probeEf01Port(path, options))
  return findings
}
