import { encodeScan } from '../codec/framer'
import type { Clock } from '../driver/clock'

export type ScanTerminator = 'CR' | 'LF' | 'CRLF'

/** Where the simulated scanner's bytes go: the in-process link, or the device end of a pty. */
export interface ScannerSink {
  write(bytes: Uint8Array): void | Promise<void>
  /** The scanner is pulled out: the kiosk's side sees the port go away. */
  unplug(): void | Promise<void>
}

export interface SimulatedScannerOptions {
  terminator?: ScanTerminator
  prefix?: string
  suffix?: string
  /** Bytes per write: 64 for a USB-CDC full-speed packet; default all at once. */
  chunkBytes?: number
  /** With a clock, chunks are paced at this rate (10 bits a byte, 8N1). */
  pacing?: { clock: Clock; baudRate: number }
}

/** Bytes no UTF-8 decoder accepts (a lone continuation byte, an overlong form, 0xFF). */
const GARBAGE = Uint8Array.from([0x80, 0xc0, 0xaf, 0xff, 0xfe, 0x41])

/**
 * A 2D scanner in serial mode, as the kiosk sees it on the wire: each scan is the payload in UTF-8
 * with the configured prefix, suffix and terminator. Faults: line noise (invalid UTF-8), a payload
 * cut off before its terminator, and the cable pulled. Production code: it powers training mode.
 */
export class SimulatedBarcodeScanner {
  constructor(
    private readonly sink: ScannerSink,
    private readonly options: SimulatedScannerOptions = {},
  ) {}

  /** Sends one scan; resolves once its last byte was written. */
  scan(
    payload: string,
    terminator: ScanTerminator = this.options.terminator ?? 'CR',
  ): Promise<void> {
    return this.send(
      encodeScan(payload, {
        terminator,
        ...(this.options.prefix ? { prefix: this.options.prefix } : {}),
        ...(this.options.suffix ? { suffix: this.options.suffix } : {}),
      }),
    )
  }

  /** Line noise: bytes that are not UTF-8, then the terminator. */
  sendGarbage(): Promise<void> {
    return this.send(Uint8Array.from([...GARBAGE, 0x0d]))
  }

  /** The first `keepBytes` of a scan and nothing more (the link dropped the rest). */
  sendTruncated(payload: string, keepBytes: number): Promise<void> {
    return this.send(encodeScan(payload, { terminator: 'none' }).slice(0, keepBytes))
  }

  async unplug(): Promise<void> {
    await this.sink.unplug()
  }

  private async send(bytes: Uint8Array): Promise<void> {
    const size = this.options.chunkBytes ?? bytes.length
    for (let at = 0; at < bytes.length; at += size) {
      const chunk = bytes.slice(at, at + size)
      await this.sink.write(chunk)
      const pacing = this.options.pacing
      if (pacing && at + size < bytes.length) {
        const ms = (chunk.length * 10 * 1000) / pacing.baudRate
        await new Promise<void>((resolve) => pacing.clock.after(ms, resolve))
      }
    }
  }
}
