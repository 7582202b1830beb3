import {
  buildFingerImageRecord,
  CaptureService,
  TenPrintSession,
  type CaptureEvent,
  type Clock,
  type FingerImage,
  type FingerImageEncoding,
  type ScannerInfo,
  type ScannerSource,
  type TenPrintPolicy,
} from '../../../drivers/fingerprint'
import type { PacketPartInput } from '../../../protocol/packet'
import {
  KioskError,
  type Approval,
  type EventName,
  type EventPayload,
  type FingerName,
  type FingerprintPhase,
  type FingerprintSession,
  type FingerState,
  type MarkMissingInput,
} from '../../contract'
import { fingerprintKioskError } from './fingerprint-errors'
import { duplicatePairOf, fingerStateOf, sessionStateOf } from './finger-states'
import { previewEvent } from './preview'

/** What a session needs from the core around it. */
export interface FingerprintSessionDeps {
  /** Opens the scanner source (the simulator, or the device found); throws when there is none. */
  openSource: () => Promise<ScannerSource>
  now: () => Date
  /** Sends a session event to this session's window or socket only. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
  clock?: Clock
  policy?: Partial<TenPrintPolicy>
  /** How long to wait for the finger to land (and to lift). */
  fingerTimeoutMs?: number
  reconnectDelayMs?: number
  /** How the file's finger records store the image. */
  recordEncoding?: FingerImageEncoding
}

/** The file's view of the fingers: done or not, and what was excused by whom. */
export interface FingerprintSummary {
  complete: boolean
  missing: {
    finger: FingerName
    reason: string
    approvalId: string | null
    approvedBy: string | null
  }[]
  duplicates: { a: FingerName; b: FingerName; score: number }[]
}

const PHASES: Record<string, FingerprintPhase> = {
  connecting: 'connecting',
  'awaiting-finger': 'place-finger',
  capturing: 'capturing',
  scoring: 'checking-quality',
  'awaiting-lift': 'lift-finger',
  reconnecting: 'reconnecting',
}

/**
 * The ten fingers of one window's enrollment: one capture attempt per `capture` call (the best is
 * kept, as the ten-print policy says), the duplicate check as each finger arrives, missing fingers
 * excused with a supervisor's 'missing-finger' approval (one approval per finger).
 */
export class FingerprintSessionState {
  private tenPrint: TenPrintSession
  private service: CaptureService | null = null
  private source: ScannerSource | null = null
  private scanner: ScannerInfo | null = null
  private capturing: { finger: FingerName; abort: AbortController } | null = null
  /** The approval that excused each missing finger. */
  private readonly approvalsUsed = new Map<FingerName, string>()
  /** The device's own signed record of an image (SBI), kept for the file. */
  private readonly deviceRecords = new WeakMap<FingerImage, Uint8Array>()

  constructor(private readonly deps: FingerprintSessionDeps) {
    this.tenPrint = new TenPrintSession(deps.policy ?? {}, deps.now)
  }

  state(): FingerprintSession {
    return sessionStateOf(this.tenPrint, this.approvalsUsed, {
      capturing: this.capturing?.finger ?? null,
      scanner: this.scanner,
    })
  }

  finger(finger: FingerName): FingerState {
    const duplicates = this.tenPrint.duplicatesOf(finger)
    return fingerStateOf(
      this.tenPrint.state(finger),
      duplicates,
      this.approvalsUsed.get(finger) ?? null,
    )
  }

  /** One attempt: awaits the finger, takes and scores the image, keeps it if it is the best. */
  async capture(finger: FingerName): Promise<FingerState> {
    if (this.capturing) {
      throw new KioskError('E_CAPTURE_BUSY', `capturing ${this.capturing.finger} already`)
    }
    // The policy says why (excused, or no attempts left) before the scanner is touched.
    this.guard(() => this.tenPrint.assertCanCapture(finger))
    const before = this.tenPrint.state(finger)
    const abort = new AbortController()
    this.capturing = { finger, abort }
    try {
      const service = await this.captureService()
      const attempt = before.attempts + 1
      const result = await service.capture({
        finger,
        maxAttempts: 1,
        signal: abort.signal,
        ...(this.deps.fingerTimeoutMs ? { fingerTimeoutMs: this.deps.fingerTimeoutMs } : {}),
        onEvent: (event) => this.forward(finger, attempt, event),
      })
      this.scanner = result.scanner
      if (result.deviceRecord) this.deviceRecords.set(result.image, result.deviceRecord)
      this.tenPrint.recordAttempt(finger, result.image, {
        score: result.quality.score,
        source: result.quality.source,
      })
      const pairs = this.tenPrint.duplicatesOf(finger)
      if (pairs.length) {
        this.deps.emit('fingerprint.duplicate', { finger, pairs: pairs.map(duplicatePairOf) })
      }
      return this.finger(finger)
    } catch (error) {
      throw fingerprintKioskError(error)
    } finally {
      this.capturing = null
    }
  }

  cancel(): boolean {
    if (!this.capturing) return false
    this.capturing.abort.abort()
    return true
  }

  discard(finger: FingerName): FingerState {
    this.guard(() => this.tenPrint.discardAttempts(finger))
    return this.finger(finger)
  }

  /**
   * Declares the finger missing, then excuses it with a 'missing-finger' approval the officer
   * holds and no other finger used. Without one the declaration stays pending and the reply is
   * E_APPROVAL_REQUIRED: the screen asks a supervisor, then calls again.
   */
  markMissing(
    input: MarkMissingInput,
    officerId: string,
    approvals: readonly Approval[],
  ): FingerState {
    const { finger, reason } = input
    const current = this.guard(() => this.tenPrint.state(finger))
    if (!current.exception || current.exception.reason !== reason) {
      if (current.exception) {
        // Another reason: the old declaration and any approval it used are taken back.
        this.guard(() => this.tenPrint.withdrawException(finger))
        this.approvalsUsed.delete(finger)
      }
      this.guard(() => this.tenPrint.declareMissing(finger, reason, officerId, input.note ?? ''))
    }
    if (current.exception?.approvedBy && current.exception.reason === reason)
      return this.finger(finger)
    const used = new Set(this.approvalsUsed.values())
    const approval = approvals.find(
      (a) => a.exception === 'missing-finger' && !used.has(a.approvalId),
    )
    if (!approval) {
      throw new KioskError('E_APPROVAL_REQUIRED', `${finger} missing needs a supervisor approval`, {
        key: 'messages.portrait.approvalRequired',
        params: { exception: 'missing-finger' },
      })
    }
    this.guard(() =>
      this.tenPrint.approveException(finger, { id: approval.supervisorId, role: 'supervisor' }),
    )
    this.approvalsUsed.set(finger, approval.approvalId)
    return this.finger(finger)
  }

  withdrawMissing(finger: FingerName): FingerState {
    this.guard(() => this.tenPrint.withdrawException(finger))
    this.approvalsUsed.delete(finger)
    return this.finger(finger)
  }

  /** Starts from nothing: every capture and exception is dropped (the scanner stays open). */
  reset(): FingerprintSession {
    this.cancel()
    this.tenPrint = new TenPrintSession(this.deps.policy ?? {}, this.deps.now)
    this.approvalsUsed.clear()
    return this.state()
  }

  summary(): FingerprintSummary {
    const state = this.state()
    return {
      complete: state.complete,
      missing: state.fingers.flatMap((f) =>
        f.missing
          ? [
              {
                finger: f.finger,
                reason: f.missing.reason,
                approvalId: f.missing.approvalId,
                approvedBy: f.missing.approvedBy,
              },
            ]
          : [],
      ),
      duplicates: state.duplicates,
    }
  }

  /** One ISO/IEC 19794-4 record per captured finger (the best attempt), as parts of the file. */
  async fingerParts(): Promise<PacketPartInput[]> {
    const parts: PacketPartInput[] = []
    for (const state of this.tenPrint.summary().fingers) {
      if (!state.best || state.exception) continue
      const { image, quality, at } = state.best
      const record =
        this.deviceRecords.get(image) ??
        (await buildFingerImageRecord([{ finger: state.finger, image, captureTime: at, quality }], {
          encoding: this.deps.recordEncoding ?? 'png',
        }))
      parts.push({
        name: `finger/${state.finger}`,
        kind: 'finger',
        mediaType: 'application/x-iso19794-4',
        data: record,
      })
    }
    return parts
  }

  async close(): Promise<void> {
    this.cancel()
    const { service, source } = this
    this.service = null
    this.source = null
    await service?.close().catch(() => undefined)
    await source?.dispose().catch(() => undefined)
  }

  private async captureService(): Promise<CaptureService> {
    if (this.service) return this.service
    this.source ??= await this.deps.openSource()
    const source = this.source
    this.service = new CaptureService({
      openScanner: () => source.open(),
      ...(this.deps.clock ? { clock: this.deps.clock } : {}),
      ...(this.deps.reconnectDelayMs !== undefined
        ? { reconnectDelayMs: this.deps.reconnectDelayMs }
        : {}),
    })
    return this.service
  }

  private forward(finger: FingerName, attempt: number, event: CaptureEvent): void {
    if (event.type === 'state') {
      const phase = PHASES[event.state]
      if (phase) this.deps.emit('fingerprint.progress', progress(finger, attempt, phase, 0, 0))
      return
    }
    if (event.type !== 'progress') return
    // Progress comes with every packet; the window hears of it with each preview frame only.
    if (!event.frame) return
    const { bytesReceived, bytesTotal } = event
    this.deps.emit(
      'fingerprint.progress',
      progress(finger, attempt, 'capturing', bytesReceived, bytesTotal),
    )
    void previewEvent(finger, attempt, event.frame).then((preview) => {
      if (preview) this.deps.emit('fingerprint.preview', preview)
    })
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn()
    } catch (error) {
      throw fingerprintKioskError(error)
    }
  }
}

function progress(
  finger: FingerName,
  attempt: number,
  phase: FingerprintPhase,
  bytesReceived: number,
  bytesTotal: number,
): EventPayload<'fingerprint.progress'> {
  return { finger, attempt: Math.min(20, attempt), phase, bytesReceived, bytesTotal }
}
