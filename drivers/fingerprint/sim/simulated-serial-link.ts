import { StreamEvents, type ByteStream } from '../transport/byte-stream'
import { systemClock, type Clock } from '../transport/clock'
import { TransportError } from '../transport/errors'
import type { Ef01ModuleSimulator } from './ef01-module'
import { PacedLink, uartBytesPerSecond } from './pacing'

export interface SimulatedSerialLinkOptions {
  clock?: Clock
  /** The host's initial UART rate; the module's own rate when absent. */
  baudRate?: number
  /** Model the wire's speed (default). Off: bytes arrive at once, for fast unit tests. */
  pacing?: boolean
  tickMs?: number
  label?: string
}

/**
 * An in-process UART cable between the host and a simulated module, as a ByteStream. Both ends keep
 * their own baud rate: when they differ, bytes arrive garbled, as on a real wire.
 */
export function connectSimulatedSerial(
  module: Ef01ModuleSimulator,
  options: SimulatedSerialLinkOptions = {},
): ByteStream {
  const clock = options.clock ?? systemClock
  const paced = options.pacing ?? true
  const rate = (baud: number) => (paced ? uartBytesPerSecond(baud) : Infinity)
  const events = new StreamEvents()
  let hostBaud = options.baudRate ?? module.baudRate

  const toModule = new PacedLink({
    clock,
    bytesPerSecond: rate(hostBaud),
    tickMs: options.tickMs,
    deliver: (chunk) => module.receive(chunk),
  })
  const toHost = new PacedLink({
    clock,
    bytesPerSecond: rate(module.baudRate),
    tickMs: options.tickMs,
    deliver: (chunk) => events.emitData(chunk),
  })

  const shutdown = (error: TransportError | null) => {
    toModule.clear()
    toHost.clear()
    module.disconnect()
    events.emitClose(error)
  }

  module.connect({
    transmit(bytes) {
      // Both ends' rates are compared when the bytes leave: each side switches only between exchanges.
      toHost.setBytesPerSecond(rate(module.baudRate))
      toHost.send(module.baudRate === hostBaud ? bytes : garble(bytes))
    },
    afterTransmitted: (fn) => toHost.afterDelivered(fn),
    disconnected: () => shutdown(new TransportError('removed', 'simulated module unplugged')),
  })

  return {
    label: options.label ?? 'sim',
    get closed() {
      return events.closed
    },
    async write(bytes) {
      if (events.closed) throw new TransportError('closed')
      toModule.send(hostBaud === module.baudRate ? bytes : garble(bytes))
    },
    onData: (listener) => events.onData(listener),
    onClose: (listener) => events.onClose(listener),
    async setBaudRate(baud) {
      hostBaud = baud
      toModule.setBytesPerSecond(rate(baud))
    },
    async flush() {
      toHost.clear()
    },
    async close() {
      if (!events.closed) shutdown(null)
    },
  }
}

/** What a receiver at the wrong baud rate makes of the bytes: something else entirely. */
export function garble(chunk: Uint8Array): Uint8Array {
  return chunk.map((b) => (b * 37 + 11) & 0xff)
}
