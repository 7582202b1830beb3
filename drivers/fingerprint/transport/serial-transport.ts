import { existsSync } from 'node:fs'
import type { SerialPort } from 'serialport'
import { StreamEvents, type ByteStream } from './byte-stream'
import { TransportError } from './errors'

export interface SerialTransportOptions {
  path: string
  baudRate: number
  label?: string
  /**
   * How often to check that the device node still exists. A USB-UART cable pulled out (or a pty
   * pair torn down) does not always make the binding report a disconnect; the node vanishing does.
   */
  presenceCheckMs?: number
}

/** Opens a serial port (USB-UART bridge or tty) with the `serialport` package, 8N1, as a ByteStream. */
export async function openSerialTransport(options: SerialTransportOptions): Promise<ByteStream> {
  const { SerialPort: Port } = await import('serialport')
  const port: SerialPort = new Port({
    path: options.path,
    baudRate: options.baudRate,
    autoOpen: false,
  })
  await new Promise<void>((resolve, reject) =>
    port.open((error) => {
      if (!error) return resolve()
      const missing = /ENOENT|No such file/i.test(error.message)
      reject(
        new TransportError(
          missing ? 'not-found' : 'open-failed',
          `${options.path}: ${error.message}`,
        ),
      )
    }),
  )
  const stream = wrapSerialPort(port, options.label ?? `serial:${options.path}`)
  const check = setInterval(() => {
    if (stream.closed) return clearInterval(check)
    if (existsSync(options.path)) return
    clearInterval(check)
    port.close(
      () => undefined,
      Object.assign(new Error(`${options.path} disappeared`), { disconnected: true }),
    )
  }, options.presenceCheckMs ?? 250)
  check.unref()
  return stream
}

/** The ByteStream over an already open SerialPort. */
export function wrapSerialPort(port: SerialPort, label: string): ByteStream {
  const events = new StreamEvents()
  port.on('data', (chunk: Buffer) => events.emitData(new Uint8Array(chunk)))
  port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
    events.emitClose(error ? new TransportError('removed', error.message) : null)
  })
  // Errors also surface through the callbacks below; without a listener Node would crash.
  port.on('error', () => undefined)

  const call = (
    run: (done: (error: Error | null) => void) => void,
    code: 'write-failed' | 'bad-config',
  ) =>
    new Promise<void>((resolve, reject) =>
      run((error) => (error ? reject(new TransportError(code, error.message)) : resolve())),
    )

  return {
    label,
    get closed() {
      return events.closed
    },
    async write(bytes) {
      if (events.closed) throw new TransportError('closed')
      port.write(Buffer.from(bytes))
      await call((done) => port.drain(done), 'write-failed')
    },
    onData: (listener) => events.onData(listener),
    onClose: (listener) => events.onClose(listener),
    setBaudRate: (baudRate) => call((done) => port.update({ baudRate }, done), 'bad-config'),
    flush: () => call((done) => port.flush(done), 'write-failed'),
    async close() {
      if (events.closed) return
      await call((done) => port.close(done), 'write-failed').catch(() => undefined)
      events.emitClose(null)
    },
  }
}
