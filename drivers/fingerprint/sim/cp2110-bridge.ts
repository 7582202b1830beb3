import { EventEmitter } from 'node:events'
import { systemClock, type Clock, type Timer } from '../transport/clock'
import {
  CP2110,
  decodeUartConfig,
  encodeUartConfig,
  uart8N1,
  type UartConfig,
} from '../transport/cp2110'
import type { HidDeviceLike } from '../transport/hid-device'
import type { Ef01ModuleSimulator } from './ef01-module'
import { PacedLink, uartBytesPerSecond } from './pacing'
import { garble } from './simulated-serial-link'

export interface Cp2110BridgeOptions {
  clock?: Clock
  /** Model the UART's baud rate and the USB frame rate (default); off for fast unit tests. */
  pacing?: boolean
  /** Full-speed interrupt endpoint: one report per 1 ms frame. */
  reportIntervalMs?: number
  /** The bridge's receive FIFO; bytes arriving when it is full are lost (no flow control). */
  rxFifoBytes?: number
  tickMs?: number
}

/**
 * A CP2110 bridge with a module on its UART, behaving as node-hid's HID device would. It enforces
 * AN434: data reports carry 1…63 bytes with the count as report ID, data is only carried while the
 * UART is enabled, the UART runs at the configured baud (a mismatch with the module garbles bytes),
 * and at most one IN report leaves per USB frame.
 */
export class Cp2110BridgeSimulator extends EventEmitter implements HidDeviceLike {
  uartEnabled = false
  config: UartConfig = uart8N1(115200)
  /** Breaches of AN434 by the host (data while disabled, bad reports); tests read these. */
  readonly violations: string[] = []
  /** Bytes lost to a full receive FIFO. */
  droppedBytes = 0
  reportsToHost = 0
  reportsFromHost = 0

  private readonly clock: Clock
  private readonly paced: boolean
  private readonly interval: number
  private readonly fifoCapacity: number
  private fifo: number[] = []
  /**
   * The hardware FIFO's level in continuous time. Host timers are late and coarse, so bytes are
   * handed over in bursts; this level is what the chip would hold with UART in and USB out both
   * running the whole time, and it alone decides an overflow.
   */
  private level = 0
  private levelAt = 0
  private nextFrameAt = 0
  private frameTimer: Timer | null = null
  private fifoWaiters: (() => void)[] = []
  private readonly toModule: PacedLink
  private readonly fromModule: PacedLink
  private state: 'open' | 'closed' | 'unplugged' = 'open'

  constructor(
    private readonly module: Ef01ModuleSimulator,
    options: Cp2110BridgeOptions = {},
  ) {
    super()
    this.clock = options.clock ?? systemClock
    this.paced = options.pacing ?? true
    this.interval = options.reportIntervalMs ?? 1
    this.fifoCapacity = options.rxFifoBytes ?? 480
    this.toModule = new PacedLink({
      clock: this.clock,
      bytesPerSecond: this.rate(this.config.baudRate),
      tickMs: options.tickMs,
      deliver: (chunk) => module.receive(chunk),
    })
    this.fromModule = new PacedLink({
      clock: this.clock,
      bytesPerSecond: this.rate(module.baudRate),
      tickMs: options.tickMs,
      deliver: (chunk) => this.intoFifo(chunk),
    })
    module.connect({
      transmit: (bytes) => {
        this.fromModule.setBytesPerSecond(this.rate(module.baudRate))
        this.fromModule.send(module.baudRate === this.config.baudRate ? bytes : garble(bytes))
      },
      afterTransmitted: (fn) => this.fromModule.afterDelivered(() => this.afterFifoEmpty(fn)),
      disconnected: () => this.unplug(),
    })
  }

  // ---- node-hid's HID interface ----------------------------------------------------------------

  write(data: number[] | Buffer): number {
    this.assertOpen()
    const report = Uint8Array.from(data)
    const n = report[0] ?? 0
    if (n < 1 || n > CP2110.MAX_DATA || report.length < n + 1) {
      this.violations.push(`bad data report: ID ${n}, ${report.length} bytes`)
      throw new Error(`Cannot write to hid device: report ID ${n} is not a CP2110 data report`)
    }
    this.reportsFromHost++
    if (!this.uartEnabled) {
      this.violations.push('data report while the UART is disabled')
      return report.length
    }
    const bytes = report.subarray(1, n + 1)
    this.toModule.send(this.config.baudRate === this.module.baudRate ? bytes : garble(bytes))
    return report.length
  }

  sendFeatureReport(data: number[] | Buffer): number {
    this.assertOpen()
    const report = Uint8Array.from(data)
    switch (report[0]) {
      case CP2110.REPORT_UART_ENABLE:
        this.uartEnabled = report[1] === 1
        return report.length
      case CP2110.REPORT_UART_CONFIG:
        try {
          this.config = decodeUartConfig(report)
          encodeUartConfig(this.config)
        } catch (error) {
          this.violations.push(`bad UART configuration: ${String(error)}`)
          throw new Error('Cannot send feature report: invalid UART configuration')
        }
        this.toModule.setBytesPerSecond(this.rate(this.config.baudRate))
        return report.length
      case CP2110.REPORT_PURGE_FIFOS:
        if ((report[1] ?? 0) & CP2110.PURGE_TX) this.toModule.clear()
        if ((report[1] ?? 0) & CP2110.PURGE_RX) this.fifo = []
        return report.length
      case CP2110.REPORT_START_BREAK:
      case CP2110.REPORT_STOP_BREAK:
      case CP2110.REPORT_RESET:
        return report.length
      default:
        this.violations.push(`unknown feature report 0x${(report[0] ?? 0).toString(16)}`)
        throw new Error('Cannot send feature report')
    }
  }

  getFeatureReport(reportId: number, length: number): number[] {
    this.assertOpen()
    let report: number[]
    switch (reportId) {
      case CP2110.REPORT_UART_ENABLE:
        report = [reportId, this.uartEnabled ? 1 : 0]
        break
      case CP2110.REPORT_UART_CONFIG:
        report = Array.from(encodeUartConfig(this.config))
        break
      case CP2110.REPORT_UART_STATUS: {
        const tx = Math.min(this.toModule.queued, 0xffff)
        const rx = Math.min(this.fifo.length, 0xffff)
        report = [reportId, tx >> 8, tx & 0xff, rx >> 8, rx & 0xff, 0, 0]
        break
      }
      default:
        throw new Error(`Cannot get feature report 0x${reportId.toString(16)}`)
    }
    return report.slice(0, Math.max(1, length))
  }

  close(): void {
    if (this.state !== 'open') return
    this.state = 'closed'
    this.shutdown()
  }

  // ---- simulation controls ---------------------------------------------------------------------

  /** Pulls the USB plug: node-hid reports a read error, later calls fail. */
  unplug(): void {
    if (this.state !== 'open') return
    this.state = 'unplugged'
    this.shutdown()
    // An EventEmitter throws an 'error' nobody listens to; a closed device has no reader anyway.
    if (this.listenerCount('error')) this.emit('error', new Error('could not read from HID device'))
  }

  private shutdown(): void {
    this.frameTimer?.cancel()
    this.frameTimer = null
    this.toModule.clear()
    this.fromModule.clear()
    this.fifo = []
    this.module.disconnect()
  }

  private assertOpen(): void {
    if (this.state === 'unplugged') throw new Error('Cannot write to hid device')
    if (this.state === 'closed') throw new Error('HID device is closed')
  }

  private rate(baud: number): number {
    return this.paced ? uartBytesPerSecond(baud) : Infinity
  }

  private intoFifo(chunk: Uint8Array): void {
    if (this.state !== 'open' || !this.uartEnabled) return
    // Without pacing there is no time for the FIFO to drain in, so no limit either.
    const kept = this.paced ? Math.min(chunk.length, this.admit(chunk.length)) : chunk.length
    if (kept < chunk.length) {
      this.droppedBytes += chunk.length - kept
      this.violations.push(`receive FIFO overflow: ${chunk.length - kept} bytes lost`)
    }
    if (this.fifo.length === 0) this.nextFrameAt = Math.max(this.nextFrameAt, this.clock.now())
    for (let i = 0; i < kept; i++) this.fifo.push(chunk[i] ?? 0)
    this.scheduleFrames()
  }

  /** How many of `count` bytes, just arrived at the module's baud, fit in the FIFO. */
  private admit(count: number): number {
    const now = this.clock.now()
    const drainPerMs = CP2110.MAX_DATA / this.interval
    const span = count / (uartBytesPerSecond(this.module.baudRate) / 1000)
    const idle = Math.max(0, now - this.levelAt - span)
    this.level = Math.max(0, this.level - drainPerMs * idle)
    this.level = Math.max(0, this.level + count - drainPerMs * span)
    this.levelAt = now
    const lost = Math.max(0, Math.ceil(this.level - this.fifoCapacity))
    this.level -= lost
    return count - lost
  }

  private scheduleFrames(): void {
    if (this.frameTimer || this.fifo.length === 0 || this.state !== 'open') return
    if (!this.paced) {
      queueMicrotask(() => this.sendFrames(true))
      this.frameTimer = { cancel: () => undefined }
      return
    }
    const wait = Math.max(0, this.nextFrameAt - this.clock.now())
    this.frameTimer = this.clock.after(wait, () => this.sendFrames(false))
  }

  /** One report per frame that has passed; a late timer catches up as the host's queue would. */
  private sendFrames(all: boolean): void {
    this.frameTimer = null
    const now = this.clock.now()
    while (this.fifo.length && this.state === 'open' && (all || this.nextFrameAt <= now)) {
      const bytes = this.fifo.splice(0, CP2110.MAX_DATA)
      this.reportsToHost++
      this.nextFrameAt += this.interval
      this.emit('data', Buffer.from([bytes.length, ...bytes]))
    }
    if (this.fifo.length === 0) {
      const waiters = this.fifoWaiters.splice(0)
      for (const fn of waiters) fn()
    }
    this.scheduleFrames()
  }

  private afterFifoEmpty(fn: () => void): void {
    if (this.fifo.length === 0) fn()
    else this.fifoWaiters.push(fn)
  }
}
