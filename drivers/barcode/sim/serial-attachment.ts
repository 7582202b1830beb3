import type { ScannerSink } from './simulated-scanner'

export interface ScannerSerialAttachment extends ScannerSink {
  close(): Promise<void>
}

/** The simulated scanner's end of a serial line (a pty's device end): writes go out of the port. */
export async function attachScannerToSerialPort(path: string): Promise<ScannerSerialAttachment> {
  const { SerialPort } = await import('serialport')
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false })
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  )
  port.on('error', () => undefined)
  const close = () =>
    new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()))
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes))
        port.drain((error) => (error ? reject(error) : resolve()))
      }),
    // Closing the scanner's end is not enough for the host to notice; the test ends the pty pair.
    unplug: close,
    close,
  }
}
