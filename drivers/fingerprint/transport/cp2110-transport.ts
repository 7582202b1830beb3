import { StreamEvents, type ByteStream } from './byte-stream'
import {
  CP2110,
  decodeUartConfig,
  encodeUartConfig,
  fromDataReport,
  toDataReports,
  uart8N1,
  UART_CONFIG_REPORT_SIZE,
} from './cp2110'
import { FingerprintError, TransportError } from './errors'
import type { HidDeviceLike } from './hid-device'

export interface Cp2110TransportOptions {
  baudRate: number
  label?: string
}

async function sendFeature(device: HidDeviceLike, report: Uint8Array): Promise<void> {
  try {
    await device.sendFeatureReport(Buffer.from(report))
  } catch (error) {
    throw new TransportError(
      'removed',
      `feature report 0x${report[0]?.toString(16)}: ${String(error)}`,
    )
  }
}

function purgeFifos(device: HidDeviceLike): Promise<void> {
  return sendFeature(
    device,
    Uint8Array.of(CP2110.REPORT_PURGE_FIFOS, CP2110.PURGE_TX | CP2110.PURGE_RX),
  )
}

/**
 * Configures the UART, enables it, purges both FIFOs and reads the configuration back to be sure
 * a CP2110 answered. On any failure the device is closed and a TransportError thrown.
 */
async function configureBridge(device: HidDeviceLike, baudRate: number): Promise<void> {
  try {
    await sendFeature(device, encodeUartConfig(uart8N1(baudRate)))
    await sendFeature(device, Uint8Array.of(CP2110.REPORT_UART_ENABLE, 1))
    await purgeFifos(device)
    const readBack = decodeUartConfig(
      await device.getFeatureReport(CP2110.REPORT_UART_CONFIG, UART_CONFIG_REPORT_SIZE),
    )
    if (readBack.baudRate !== baudRate) {
      throw new TransportError(
        'open-failed',
        `bridge runs at ${readBack.baudRate}, not ${baudRate} baud`,
      )
    }
  } catch (error) {
    await Promise.resolve(device.close()).catch(() => undefined)
    if (error instanceof FingerprintError) throw error
    throw new TransportError('open-failed', String(error))
  }
}

/**
 * A ByteStream over a CP2110 HID-to-UART bridge (AN434): configures the UART (0x50), enables it
 * (0x41), purges both FIFOs (0x43), reads the configuration back to be sure a CP2110 answered, then
 * carries bytes in `[n, n bytes]` interrupt reports.
 */
export async function openCp2110Transport(
  device: HidDeviceLike,
  options: Cp2110TransportOptions,
): Promise<ByteStream> {
  const label = options.label ?? 'hid:10c4:ea80'
  const events = new StreamEvents()
  await configureBridge(device, options.baudRate)

  const gone = (detail: string) => {
    if (events.closed) return
    device.removeAllListeners('data')
    device.removeAllListeners('error')
    void Promise.resolve()
      .then(() => device.close())
      .catch(() => undefined)
    events.emitClose(new TransportError('removed', detail))
  }

  device.on('data', (report) => {
    const bytes = fromDataReport(new Uint8Array(report.buffer, report.byteOffset, report.length))
    if (bytes) events.emitData(bytes.slice())
  })
  device.on('error', (error) => gone(error.message))

  return {
    label,
    get closed() {
      return events.closed
    },
    async write(bytes) {
      if (events.closed) throw new TransportError('closed')
      for (const report of toDataReports(bytes)) {
        try {
          await device.write(Buffer.from(report))
        } catch (error) {
          gone(String(error))
          throw new TransportError('removed', String(error))
        }
      }
    },
    onData: (listener) => events.onData(listener),
    onClose: (listener) => events.onClose(listener),
    async setBaudRate(baud) {
      await sendFeature(device, encodeUartConfig(uart8N1(baud)))
    },
    async flush() {
      await purgeFifos(device)
    },
    async close() {
      if (events.closed) return
      device.removeAllListeners('data')
      device.removeAllListeners('error')
      await sendFeature(device, Uint8Array.of(CP2110.REPORT_UART_ENABLE, 0)).catch(() => undefined)
      await Promise.resolve(device.close()).catch(() => undefined)
      events.emitClose(null)
    },
  }
}
