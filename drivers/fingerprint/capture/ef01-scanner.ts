import { Ef01Driver, type Ef01DriverOptions } from '../ef01/driver'
import { unpackGrey4 } from '../ef01/unpack'
import type { FingerImage, FingerName } from '../finger-image'
import type { ByteStream } from '../transport/byte-stream'
import type { AcquiredImage, AcquireOptions, FingerprintScanner, ScannerInfo } from './scanner'

/** An EF01 module (R30x/R50x) behind any ByteStream, as a FingerprintScanner. */
export class Ef01Scanner implements FingerprintScanner {
  private constructor(
    private readonly driver: Ef01Driver,
    readonly info: ScannerInfo,
    private readonly pollIntervalMs: number,
    private readonly onPresent: ((finger: FingerName) => void) | undefined,
  ) {}

  /** Opens the driver (handshake, password, parameters); throws when nothing answers. */
  static async open(
    stream: ByteStream,
    options: Ef01DriverOptions & {
      pollIntervalMs?: number
      /** A simulator's hook: which finger the virtual citizen puts down next. */
      onPresent?: (finger: FingerName) => void
    } = {},
  ): Promise<Ef01Scanner> {
    const image = options.image ?? { width: 256, height: 288, ppi: 500 }
    const driver = new Ef01Driver(stream, { ...options, image })
    try {
      const module = await driver.open()
      return new Ef01Scanner(
        driver,
        {
          kind: 'ef01',
          model: `EF01 ${module.handshake === 'instruction' ? 'R50x' : 'R30x'} (system ID ${module.parameters.systemId})`,
          transport: stream.label,
          ...image,
          enrolmentGrade: false,
        },
        options.pollIntervalMs ?? 100,
        options.onPresent,
      )
    } catch (error) {
      await stream.close().catch(() => undefined)
      throw error
    }
  }

  bytesOnWire(): number {
    return this.driver.bytesSent + this.driver.bytesReceived
  }

  present(finger: FingerName): void {
    this.onPresent?.(finger)
  }

  get ef01(): Ef01Driver {
    return this.driver
  }

  waitForFinger(signal: AbortSignal): Promise<void> {
    return this.driver.waitForFinger({ signal, pollIntervalMs: this.pollIntervalMs })
  }

  waitForLift(signal: AbortSignal): Promise<void> {
    return this.driver.waitForLift({ signal, pollIntervalMs: this.pollIntervalMs })
  }

  async acquire(options: AcquireOptions): Promise<AcquiredImage> {
    const { width, height, ppi } = this.info
    const before = this.driver.bytesSent + this.driver.bytesReceived
    const result = await this.driver.uploadImage({
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (p) =>
        options.onProgress?.({
          bytesReceived: p.bytesReceived,
          bytesTotal: p.bytesTotal,
          preview: () => partialImage(p.packed, width, height, ppi),
        }),
    })
    return {
      image: result.image,
      deviceNfiq2: null,
      deviceRecord: null,
      bytesOnWire: this.driver.bytesSent + this.driver.bytesReceived - before,
    }
  }

  close(): Promise<void> {
    return this.driver.close()
  }
}

/** The rows received so far, white below: what the preview shows while the image streams in. */
function partialImage(packed: Uint8Array, width: number, height: number, ppi: number): FingerImage {
  const pixels = new Uint8Array(width * height).fill(255)
  pixels.set(unpackGrey4(packed, Math.min(packed.length * 2, pixels.length)))
  return { width, height, ppi, pixels }
}
