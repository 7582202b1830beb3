import { readFingerImageRecord } from '../records'
import { SbiClient } from '../sbi/client'
import { SbiError, SbiSecurityError } from '../sbi/errors'
import { SbiHashChain } from '../sbi/hash-chain'
import type { SbiTrust } from '../sbi/jws'
import { CancelledError } from '../transport/errors'
import type { AcquiredImage, AcquireOptions, FingerprintScanner, ScannerInfo } from './scanner'

export interface SbiScannerOptions {
  port: number
  host?: string
  trust: SbiTrust
  now?: () => Date
  /** One per enrolment: every capture of it shares the transaction and its hash chain. */
  transactionId: string
  chain?: SbiHashChain
  /** NFIQ 2 the device aims for before it returns (it returns its best frame anyway). */
  requestedScore?: number
  captureTimeoutMs?: number
  env?: string
  /** Show the device's STREAM while it captures (default on). */
  preview?: boolean
}

/**
 * A certified scanner behind a MOSIP SBI service. The device waits for the finger and picks the
 * frame itself inside RCAPTURE, so the waits here return at once; what comes back is verified
 * (signature, certificate, hash chain) before its ISO record is decoded.
 */
export class SbiScanner implements FingerprintScanner {
  private bytes = 0
  private previews = new Set<AbortController>()

  private constructor(
    private readonly client: SbiClient,
    private readonly device: { deviceId: string; deviceSubId: string },
    readonly info: ScannerInfo,
    private readonly options: SbiScannerOptions,
    private readonly chain: SbiHashChain,
  ) {}

  /** Reads and verifies the device info; picks the first registration finger device. */
  static async open(options: SbiScannerOptions): Promise<SbiScanner> {
    const client = new SbiClient({
      port: options.port,
      trust: options.trust,
      ...(options.host ? { host: options.host } : {}),
      ...(options.now ? { now: options.now } : {}),
    })
    const devices = await client.deviceInfo()
    const usable = devices.find(
      (d) =>
        d.digitalId?.type === 'Finger' &&
        d.device.purpose === 'Registration' &&
        d.device.deviceStatus !== 'Not Registered',
    )
    if (!usable)
      throw new SbiError('no-device', `port ${options.port}: no registration finger device`)
    const digitalId = usable.digitalId
    return new SbiScanner(
      client,
      { deviceId: usable.device.deviceId, deviceSubId: usable.device.deviceSubId[0] ?? '0' },
      {
        kind: 'sbi',
        model: digitalId
          ? `${digitalId.make} ${digitalId.model} (${digitalId.deviceSubType})`
          : 'SBI',
        transport: `sbi:${options.port}`,
        // The device decides its image size; known after the first capture.
        width: 0,
        height: 0,
        ppi: 500,
        enrolmentGrade: true,
      },
      options,
      options.chain ?? new SbiHashChain(),
    )
  }

  get hashChain(): SbiHashChain {
    return this.chain
  }

  bytesOnWire(): number {
    return this.bytes
  }

  async waitForFinger(signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw new CancelledError()
  }

  async waitForLift(signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw new CancelledError()
  }

  async acquire(options: AcquireOptions): Promise<AcquiredImage> {
    const timeoutMs = this.options.captureTimeoutMs ?? 30_000
    const preview = new AbortController()
    this.previews.add(preview)
    if (this.options.preview ?? true) {
      void this.client
        .stream({ ...this.device, timeoutMs, signal: preview.signal }, (frame) => {
          this.bytes += frame.bytes.length
          options.onProgress?.({ bytesReceived: 0, bytesTotal: 0, encodedFrame: frame })
        })
        .catch(() => undefined) // a preview that fails does not spoil the capture
    }
    try {
      const [captured] = await this.client.capture(
        {
          ...this.device,
          fingers: [options.finger],
          requestedScore: options.requestedScore ?? this.options.requestedScore ?? 60,
          timeoutMs,
          transactionId: this.options.transactionId,
          ...(this.options.env ? { env: this.options.env } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        },
        this.chain,
      )
      if (!captured) throw new SbiError('bad-response', 'no capture returned')
      this.bytes += captured.responseBytes
      const { images } = await readFingerImageRecord(captured.isoRecord).catch((error: unknown) => {
        throw new SbiError('bad-response', `ISO record: ${(error as Error).message}`)
      })
      const representation = images[0]
      if (!representation || representation.finger !== options.finger) {
        throw new SbiSecurityError(
          'mismatch',
          `the record holds ${representation?.finger ?? 'nothing'}`,
        )
      }
      options.onProgress?.({
        bytesReceived: captured.responseBytes,
        bytesTotal: captured.responseBytes,
      })
      return {
        image: representation.image,
        deviceNfiq2: captured.qualityScore,
        deviceRecord: captured.isoRecord,
        bytesOnWire: captured.responseBytes,
      }
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError()
      throw error
    } finally {
      preview.abort()
      this.previews.delete(preview)
    }
  }

  async close(): Promise<void> {
    for (const p of this.previews) p.abort()
    this.previews.clear()
  }
}
