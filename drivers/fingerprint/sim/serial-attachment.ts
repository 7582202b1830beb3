import { systemClock, type Clock } from '../transport/clock'
import { openSerialTransport } from '../transport/serial-transport'
import type { Ef01ModuleSimulator } from './ef01-module'
import { PacedLink, uartBytesPerSecond } from './pacing'

export interface SerialAttachment {
  /** Detaches the module and closes its end of the port. */
  close(): Promise<void>
}

/**
 * Puts a simulated module on a real serial device (the far end of a pty pair, or a loopback
 * cable): what the module transmits is written to the port at the module's baud rate.
 */
export async function attachModuleToSerialPort(
  module: Ef01ModuleSimulator,
  options: { path: string; clock?: Clock; pacing?: boolean },
): Promise<SerialAttachment> {
  const port = await openSerialTransport({ path: options.path, baudRate: module.baudRate })
  const paced = options.pacing ?? true
  const rate = () => (paced ? uartBytesPerSecond(module.baudRate) : Infinity)
  const out = new PacedLink({
    clock: options.clock ?? systemClock,
    bytesPerSecond: rate(),
    deliver: (chunk) => void port.write(chunk.slice()).catch(() => undefined),
  })
  const offData = port.onData((chunk) => module.receive(chunk))
  module.connect({
    transmit(bytes) {
      out.setBytesPerSecond(rate())
      out.send(bytes)
    },
    afterTransmitted: (fn) => out.afterDelivered(fn),
    // Unplugging the module closes its side; the pty pair's other side sees the line go quiet.
    disconnected: () => void port.close(),
  })
  return {
    async close() {
      offData()
      out.clear()
      module.disconnect()
      await port.close()
    },
  }
}
