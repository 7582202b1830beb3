import type { FingerImage, FingerName } from '../finger-image'
import { abortReason, sleep, systemClock, type Clock } from '../transport/clock'
import { CancelledError, FingerprintError, TransportError } from '../transport/errors'
import { CaptureError } from './errors'
import { createQualityGate, type QualityGate, type QualityVerdict } from './quality-gate'
import type { AcquiredImage, AcquireProgress, FingerprintScanner, ScannerInfo } from './scanner'

export type CaptureState =
  'connecting' | 'awaiting-finger' | 'capturing' | 'scoring' | 'awaiting-lift' | 'reconnecting'

/** Why an attempt did not end the capture. */
export type RetryReason = 'poor-quality' | 'device-removed' | 'transfer-error' | 'device-error'

export type CaptureEvent =
  | { type: 'state'; state: CaptureState; attempt: number }
  | {
      type: 'progress'
      attempt: number
      bytesReceived: number
      bytesTotal: number
      /** A preview (rows so far, white below); every few packets, not every one. */
      frame: FingerImage | null
      encodedFrame: { contentType: string; bytes: Uint8Array } | null
    }
  | ({ type: 'quality'; attempt: number } & QualityVerdict)
  | { type: 'retry'; attempt: number; reason: RetryReason; code: string; message: string }

export interface AttemptRecord {
  attempt: number
  outcome: 'accepted' | 'retry'
  reason?: RetryReason
  code?: string
  score?: number
}

export interface CaptureRequest {
  finger: FingerName
  /** Attempts in all, the first included; the best image is kept. */
  maxAttempts?: number
  /** How long to wait for the finger (and for the lift) before giving up. */
  fingerTimeoutMs?: number
  signal?: AbortSignal
  onEvent?: (event: CaptureEvent) => void
  /** Preview frames per image while it streams in. */
  previewFrames?: number
}

export interface CaptureResult {
  finger: FingerName
  image: FingerImage
  quality: QualityVerdict
  /** The best image reached the acceptance threshold. */
  accepted: boolean
  attempts: AttemptRecord[]
  bestAttempt: number
  deviceNfiq2: number | null
  deviceRecord: Uint8Array | null
  /** All bytes that crossed the link, every attempt included. */
  bytesOnWire: number
  elapsedMs: number
  scanner: ScannerInfo
}

export interface CaptureServiceOptions {
  /** Opens (or re-opens after a removal) the scanner. */
  openScanner: () => Promise<FingerprintScanner>
  clock?: Clock
  qualityGate?: QualityGate
  /** After a removal: how many times to try re-opening, and the pause before each. */
  reconnectAttempts?: number
  reconnectDelayMs?: number
}

/** The best image so far and where it came from. */
interface BestAttempt {
  acquired: AcquiredImage
  verdict: QualityVerdict
  attempt: number
  info: ScannerInfo
}

/**
 * One finger at a time: await the finger → take the image (with live progress) → score it → await
 * the lift; retry with a reason when the image is poor or the link failed, keep the best. A device
 * removed mid-image ends that attempt with a clear reason and is re-opened for the next one; every
 * wait has a deadline or a cancel, so nothing hangs.
 */
export class CaptureService {
  private scanner: FingerprintScanner | null = null
  private everOpened = false
  private readonly clock: Clock
  private readonly gate: QualityGate

  constructor(private readonly options: CaptureServiceOptions) {
    this.clock = options.clock ?? systemClock
    this.gate = options.qualityGate ?? createQualityGate()
  }

  get scannerInfo(): ScannerInfo | null {
    return this.scanner?.info ?? null
  }

  /** Opens the scanner now (the first capture would otherwise); errors are the device's own. */
  async connect(): Promise<ScannerInfo> {
    return (await this.ensureScanner(0, () => undefined)).info
  }

  async capture(request: CaptureRequest): Promise<CaptureResult> {
    const started = this.clock.now()
    const maxAttempts = request.maxAttempts ?? 3
    const emit = request.onEvent ?? (() => undefined)
    const attempts: AttemptRecord[] = []
    let best: BestAttempt | null = null
    let bytesOnWire = 0
    let lastFailure: FingerprintError | null = null

    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      throwIfAborted(request.signal)
      const scanner = await this.ensureScanner(attempt, emit, request.signal)
      scanner.present?.(request.finger)
      const bytesBefore = scanner.bytesOnWire()
      try {
        const { acquired, verdict } = await this.takeImage(scanner, attempt, request, emit)
        if (!best || verdict.score > best.verdict.score) {
          best = { acquired, verdict, attempt, info: scanner.info }
        }
        await this.awaitLift(scanner, attempt, request, emit)
        if (verdict.acceptable) {
          attempts.push({ attempt, outcome: 'accepted', score: verdict.score })
          break
        }
        const message = `${verdict.score} < threshold${verdict.feedback.length ? ` (${verdict.feedback.join(', ')})` : ''}`
        attempts.push({ attempt, outcome: 'retry', reason: 'poor-quality', score: verdict.score })
        emit({ type: 'retry', attempt, reason: 'poor-quality', code: 'poor-quality', message })
      } catch (error) {
        const reason = this.retryReason(error)
        if (!reason || !(error instanceof FingerprintError)) throw error
        lastFailure = error
        if (reason === 'device-removed') await this.dropScanner()
        attempts.push({ attempt, outcome: 'retry', reason, code: error.code })
        emit({ type: 'retry', attempt, reason, code: error.code, message: error.message })
      } finally {
        bytesOnWire += scanner.bytesOnWire() - bytesBefore
      }
    }

    if (!best) {
      if (lastFailure instanceof TransportError)
        throw new CaptureError('device-removed', lastFailure.message)
      throw new CaptureError('no-usable-image', lastFailure?.message ?? null)
    }
    return {
      finger: request.finger,
      image: best.acquired.image,
      quality: best.verdict,
      accepted: best.verdict.acceptable,
      attempts,
      bestAttempt: best.attempt,
      deviceNfiq2: best.acquired.deviceNfiq2,
      deviceRecord: best.acquired.deviceRecord,
      bytesOnWire,
      elapsedMs: this.clock.now() - started,
      scanner: best.info,
    }
  }

  async close(): Promise<void> {
    await this.dropScanner()
  }

  // ---- internals ------------------------------------------------------------------------------

  /** One attempt up to its score: await the finger → take the image (with progress) → score it. */
  private async takeImage(
    scanner: FingerprintScanner,
    attempt: number,
    request: CaptureRequest,
    emit: (event: CaptureEvent) => void,
  ): Promise<{ acquired: AcquiredImage; verdict: QualityVerdict }> {
    const fingerTimeout = request.fingerTimeoutMs ?? 30_000
    emit({ type: 'state', state: 'awaiting-finger', attempt })
    await this.withDeadline(request.signal, fingerTimeout, 'no-finger', (signal) =>
      scanner.waitForFinger(signal),
    )
    emit({ type: 'state', state: 'capturing', attempt })
    const acquired = await scanner.acquire({
      finger: request.finger,
      ...(request.signal ? { signal: request.signal } : {}),
      onProgress: this.progressReporter(attempt, request.previewFrames ?? 8, emit),
    })
    emit({ type: 'state', state: 'scoring', attempt })
    const verdict = this.gate(acquired.image, acquired.deviceNfiq2)
    emit({ type: 'quality', attempt, ...verdict })
    return { acquired, verdict }
  }

  private async awaitLift(
    scanner: FingerprintScanner,
    attempt: number,
    request: CaptureRequest,
    emit: (event: CaptureEvent) => void,
  ): Promise<void> {
    emit({ type: 'state', state: 'awaiting-lift', attempt })
    const fingerTimeout = request.fingerTimeoutMs ?? 30_000
    await this.withDeadline(request.signal, fingerTimeout, 'no-finger', (signal) =>
      scanner.waitForLift(signal),
    ).catch((error: unknown) => {
      // A finger left on the glass does not spoil the image already taken.
      if (!(error instanceof CaptureError)) throw error
    })
  }

  private async ensureScanner(
    attempt: number,
    emit: (event: CaptureEvent) => void,
    signal?: AbortSignal,
  ): Promise<FingerprintScanner> {
    if (this.scanner) return this.scanner
    if (!this.everOpened) {
      emit({ type: 'state', state: 'connecting', attempt })
      this.scanner = await this.options.openScanner()
      this.everOpened = true
      return this.scanner
    }
    const tries = this.options.reconnectAttempts ?? 3
    let lastError: unknown = null
    for (let i = 0; i < tries; i++) {
      emit({ type: 'state', state: 'reconnecting', attempt })
      await sleep(this.clock, this.options.reconnectDelayMs ?? 1000, signal).catch(
        (reason: unknown) => {
          throw toCancelled(reason)
        },
      )
      try {
        this.scanner = await this.options.openScanner()
        return this.scanner
      } catch (error) {
        lastError = error
      }
    }
    throw new CaptureError(
      'device-removed',
      lastError instanceof Error ? lastError.message : String(lastError),
    )
  }

  private async dropScanner(): Promise<void> {
    const scanner = this.scanner
    this.scanner = null
    await scanner?.close().catch(() => undefined)
  }

  private retryReason(error: unknown): RetryReason | null {
    if (error instanceof CancelledError || error instanceof CaptureError) return null
    if (error instanceof TransportError) {
      return error.transportCode === 'removed' || error.transportCode === 'closed'
        ? 'device-removed'
        : null
    }
    if (!(error instanceof FingerprintError) || !error.retryable) return null
    if (/^ef01-(image-too-messy|poor-quality|capture-failed|no-valid-image)$/.test(error.code)) {
      return 'poor-quality'
    }
    if (
      /^(ef01-(bad-|no-answer|truncated|unexpected-pid|bad-image-size|packet-receive)|sbi-)/.test(
        error.code,
      )
    ) {
      return 'transfer-error'
    }
    return 'device-error'
  }

  private progressReporter(
    attempt: number,
    frames: number,
    emit: (event: CaptureEvent) => void,
  ): (p: AcquireProgress) => void {
    let nextFrameAt = 0
    return (p) => {
      const due = p.bytesReceived >= nextFrameAt || p.bytesReceived >= p.bytesTotal
      if (due)
        nextFrameAt = p.bytesReceived + Math.max(1, Math.floor(p.bytesTotal / Math.max(1, frames)))
      emit({
        type: 'progress',
        attempt,
        bytesReceived: p.bytesReceived,
        bytesTotal: p.bytesTotal,
        frame: due && p.preview ? p.preview() : null,
        encodedFrame: p.encodedFrame ?? null,
      })
    }
  }

  /** Runs `fn` with a signal that fires on the caller's cancel or after `ms` (as CaptureError). */
  private async withDeadline<T>(
    outer: AbortSignal | undefined,
    ms: number,
    code: 'no-finger',
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController()
    const timer = this.clock.after(ms, () =>
      controller.abort(new CaptureError(code, `after ${ms} ms`)),
    )
    const onAbort = () => controller.abort(toCancelled(abortReason(outer)))
    if (outer?.aborted) onAbort()
    outer?.addEventListener('abort', onAbort, { once: true })
    try {
      return await fn(controller.signal)
    } finally {
      timer.cancel()
      outer?.removeEventListener('abort', onAbort)
    }
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw toCancelled(abortReason(signal))
}

function toCancelled(reason: unknown): FingerprintError {
  if (reason instanceof FingerprintError) return reason
  return new CancelledError(reason instanceof Error ? reason.message : null)
}
