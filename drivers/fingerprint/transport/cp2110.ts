import { TransportError } from './errors'

/**
 * Silicon Labs CP2110 HID-to-UART bridge, as AN434 describes it (fingerprint.md §1.4): UART bytes
 * travel in interrupt reports whose report ID is the number of data bytes (1…63); the UART is set up
 * with feature reports.
 */
export const CP2110 = {
  VENDOR_ID: 0x10c4,
  PRODUCT_ID: 0xea80,
  /** Data bytes per interrupt report (the report ID says how many). */
  MAX_DATA: 63,
  REPORT_RESET: 0x40,
  REPORT_UART_ENABLE: 0x41,
  REPORT_UART_STATUS: 0x42,
  REPORT_PURGE_FIFOS: 0x43,
  REPORT_UART_CONFIG: 0x50,
  REPORT_START_BREAK: 0x51,
  REPORT_STOP_BREAK: 0x52,
  PURGE_TX: 0x01,
  PURGE_RX: 0x02,
  MIN_BAUD: 300,
  MAX_BAUD: 1_000_000,
} as const

export interface UartConfig {
  baudRate: number
  /** 0 none, 1 odd, 2 even, 3 mark, 4 space. */
  parity: number
  /** 0 none, 1 RTS/CTS. */
  flowControl: number
  /** 5…8. */
  dataBits: number
  /** 0: one stop bit, 1: 1.5 or 2. */
  stopBits: number
}

/** 8N1, no flow control: what the EF01 modules speak. */
export function uart8N1(baudRate: number): UartConfig {
  return { baudRate, parity: 0, flowControl: 0, dataBits: 8, stopBits: 0 }
}

export const UART_CONFIG_REPORT_SIZE = 9

/** Feature report 0x50: baud (uint32 big-endian), parity, flow control, data bits (0=5…3=8), stop bits. */
export function encodeUartConfig(config: UartConfig): Uint8Array {
  if (
    !Number.isInteger(config.baudRate) ||
    config.baudRate < CP2110.MIN_BAUD ||
    config.baudRate > CP2110.MAX_BAUD
  ) {
    throw new TransportError('bad-config', `CP2110 baud ${config.baudRate} outside 300…1,000,000`)
  }
  if (config.dataBits < 5 || config.dataBits > 8) {
    throw new TransportError('bad-config', `${config.dataBits} data bits`)
  }
  const out = new Uint8Array(UART_CONFIG_REPORT_SIZE)
  const view = new DataView(out.buffer)
  out[0] = CP2110.REPORT_UART_CONFIG
  view.setUint32(1, config.baudRate)
  out[5] = config.parity
  out[6] = config.flowControl
  out[7] = config.dataBits - 5
  out[8] = config.stopBits
  return out
}

/** Reads a 0x50 report (report ID first, as node-hid returns it). */
export function decodeUartConfig(report: ArrayLike<number>): UartConfig {
  const bytes = Uint8Array.from(report)
  if (bytes.length < UART_CONFIG_REPORT_SIZE || bytes[0] !== CP2110.REPORT_UART_CONFIG) {
    throw new TransportError('bad-config', 'not a CP2110 UART configuration report')
  }
  const view = new DataView(bytes.buffer)
  return {
    baudRate: view.getUint32(1),
    parity: view.getUint8(5),
    flowControl: view.getUint8(6),
    dataBits: view.getUint8(7) + 5,
    stopBits: view.getUint8(8),
  }
}

/** Cuts bytes into interrupt OUT reports `[n, n bytes]` with n ≤ 63. */
export function toDataReports(bytes: Uint8Array): Uint8Array[] {
  const reports: Uint8Array[] = []
  for (let at = 0; at < bytes.length; at += CP2110.MAX_DATA) {
    const chunk = bytes.subarray(at, at + CP2110.MAX_DATA)
    const report = new Uint8Array(chunk.length + 1)
    report[0] = chunk.length
    report.set(chunk, 1)
    reports.push(report)
  }
  return reports
}

/**
 * The UART bytes of an interrupt IN report `[n, n bytes, padding…]`. A report that is not a data
 * report (ID 0 or above 63, or shorter than it claims) yields null.
 */
export function fromDataReport(report: Uint8Array): Uint8Array | null {
  const n = report[0]
  if (n === undefined || n < 1 || n > CP2110.MAX_DATA || report.length < n + 1) return null
  return report.subarray(1, n + 1)
}
