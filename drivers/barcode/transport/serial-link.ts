import { existsSync } from 'node:fs'
import type { SerialPort } from 'serialport'
import { BarcodeLinkError, LinkEvents, type ScannerLink } from './link'

/** The rates serial scanners ship with: 9600 (most RS-232 models) and 115200. USB-CDC ignores it. */
export const SCANNER_BAUD_RATES = [9600, 115200] as const

export interface SerialLinkOptions {
  path: string
  baudRate?: number
  /** How often to check the device node still exists (a pulled USB-CDC scanner may not say so). */
  presenceCheckMs?: number
}

/** Opens a scanner's serial port (8N1) with the `serialport` package, as the fingerprint stack does. */
export async function openSerialLink(options: SerialLinkOptions): Promise<ScannerLink> {
  const { SerialPort: Port } = await import('serialport')
  const port: SerialPort = new Port({
    path: options.path,
    baudRate: options.baudRate ?? SCANNER_BAUD_RATES[0],
    autoOpen: false,
  })
  await new Promise<void>((resolve, reject) =>
    port.open((error) => {
      if (!error) return resolve()
      const missing = /ENOENT|No such file/i.test(error.message)
      reject(
        new BarcodeLinkError(
          missing ? 'not-found' : 'open-failed',
          `${options.path}: ${error.message}`,
        ),
      )
    }),
  )
  const events = new LinkEvents()
  port.on('data', (chunk: Buffer) => events.emitData(new Uint8Array(chunk)))
  port.on('close', (error: Error | null) =>
    events.emitClose(error ? new BarcodeLinkError('removed', error.message) : null),
  )
  // Failures surface through close; without a listener Node would crash on 'error'.
  port.on('error', () => undefined)
  const check = setInterval(() => {
    if (events.closed) return clearInterval(check)
    if (existsSync(options.path)) return
    clearInterval(check)
    events.emitClose(new BarcodeLinkError('removed', `${options.path} disappeared`))
    port.close(() => undefined)
  }, options.presenceCheckMs ?? 250)
  check.unref()
  return {
    label: `serial:${options.path}`,
    get closed() {
      return events.closed
    },
    onData: (listener) => events.onData(listener),
    onClose: (listener) => events.onClose(listener),
    async close() {
      if (events.closed) return
      clearInterval(check)
      await new Promise<void>((resolve) => port.close(() => resolve()))
      events.emitClose(null)
    },
  }
}
