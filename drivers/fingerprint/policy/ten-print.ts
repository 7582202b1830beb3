import { FINGER_NAMES, type FingerImage, type FingerName } from '../finger-image'
import { SAME_FINGER_THRESHOLD } from '../matching'
import type { SelectedQualityScore } from '../quality/score-source'
import { DuplicateWatch } from './duplicate-watch'
import type { DuplicatePair } from './duplicates'
import { TenPrintPolicyError } from './errors'

/** Why a finger cannot be captured; the screens name each (fingerprints.reasons.<reason>). */
export const MISSING_FINGER_REASONS = [
  'amputated',
  'bandaged',
  'scarred',
  'deformed',
  'unusable',
] as const
export type MissingFingerReason = (typeof MISSING_FINGER_REASONS)[number]

export interface TenPrintPolicy {
  /** Fingers to capture, flat impressions; default all ten. */
  fingers: readonly FingerName[]
  /** Capture attempts per finger; the best one is kept. */
  maxAttempts: number
  /** Quality (device NFIQ 2 or kiosk score, 0–100) at which a finger is accepted at once. */
  acceptScore: number
  /** Matcher score at which two fingers are taken to be the same finger. */
  duplicateThreshold: number
}

export const DEFAULT_TEN_PRINT_POLICY: TenPrintPolicy = {
  fingers: FINGER_NAMES,
  maxAttempts: 3,
  acceptScore: 40,
  duplicateThreshold: SAME_FINGER_THRESHOLD,
}

export interface FingerAttempt {
  image: FingerImage
  quality: SelectedQualityScore
  at: Date
}

export interface MissingFingerException {
  reason: MissingFingerReason
  declaredBy: string
  declaredAt: Date
  note: string
  approvedBy: string | null
  approvedAt: Date | null
}

/**
 * pending: nothing yet · retry: best so far below the accept score, attempts left · accepted ·
 * best-kept: attempts used up, the best (below the score) is kept and flagged as force-captured ·
 * exception-pending: missing finger declared, awaiting a supervisor · exception-approved.
 */
export type FingerStatus =
  'pending' | 'retry' | 'accepted' | 'best-kept' | 'exception-pending' | 'exception-approved'

export interface FingerState {
  finger: FingerName
  status: FingerStatus
  attempts: number
  remainingAttempts: number
  best: FingerAttempt | null
  exception: MissingFingerException | null
}

export interface Approver {
  id: string
  role: 'officer' | 'supervisor'
}

export interface TenPrintSummary {
  /** Every finger accepted, kept or excused with approval, and the duplicate check run and clean. */
  complete: boolean
  fingers: FingerState[]
  /** Null until checkDuplicates() has run on the current captures. */
  duplicates: DuplicatePair[] | null
}

interface FingerRecord {
  attempts: FingerAttempt[]
  best: FingerAttempt | null
  exception: MissingFingerException | null
}

/**
 * The ten-print rules for one enrolment: which fingers, how many tries (keeping the best), missing
 * fingers excused only with a supervisor's approval, and a duplicate-finger check before completion.
 */
export class TenPrintSession {
  readonly policy: TenPrintPolicy
  private readonly records = new Map<FingerName, FingerRecord>()
  private duplicates: DuplicatePair[] | null = null
  private readonly watch: DuplicateWatch

  constructor(
    policy: Partial<TenPrintPolicy> = {},
    private readonly now: () => Date,
  ) {
    this.policy = { ...DEFAULT_TEN_PRINT_POLICY, ...policy }
    this.watch = new DuplicateWatch(this.policy.duplicateThreshold)
    for (const f of this.policy.fingers)
      this.records.set(f, { attempts: [], best: null, exception: null })
  }

  private record(finger: FingerName): FingerRecord {
    const r = this.records.get(finger)
    if (!r) throw new TenPrintPolicyError('finger-not-requested', finger)
    return r
  }

  /** Throws the rule that forbids another capture of the finger (excused, accepted, no attempts). */
  assertCanCapture(finger: FingerName): void {
    const r = this.record(finger)
    if (r.exception) throw new TenPrintPolicyError('finger-excused', finger)
    const state = this.state(finger)
    if (state.status === 'accepted' || state.remainingAttempts === 0) {
      throw new TenPrintPolicyError('attempts-exhausted', `${finger} (${r.attempts.length})`)
    }
  }

  /** Adds one capture; keeps it if it beats the best so far. Returns the finger's new state. */
  recordAttempt(
    finger: FingerName,
    image: FingerImage,
    quality: SelectedQualityScore,
  ): FingerState {
    this.assertCanCapture(finger)
    const r = this.record(finger)
    const attempt = { image, quality, at: this.now() }
    r.attempts.push(attempt)
    if (!r.best || quality.score > r.best.quality.score) r.best = attempt
    this.duplicates = null
    return this.state(finger)
  }

  /** Drops a finger's captures so it can be taken again (e.g. after a duplicate was found). */
  discardAttempts(finger: FingerName): FingerState {
    const r = this.record(finger)
    r.attempts = []
    r.best = null
    this.duplicates = null
    return this.state(finger)
  }

  declareMissing(
    finger: FingerName,
    reason: MissingFingerReason,
    officerId: string,
    note = '',
  ): FingerState {
    const r = this.record(finger)
    if (!MISSING_FINGER_REASONS.includes(reason))
      throw new TenPrintPolicyError('unknown-reason', String(reason))
    r.exception = {
      reason,
      declaredBy: officerId,
      declaredAt: this.now(),
      note,
      approvedBy: null,
      approvedAt: null,
    }
    this.duplicates = null
    return this.state(finger)
  }

  approveException(finger: FingerName, approver: Approver): FingerState {
    const r = this.record(finger)
    if (!r.exception) throw new TenPrintPolicyError('no-exception', finger)
    if (approver.role !== 'supervisor')
      throw new TenPrintPolicyError('not-a-supervisor', approver.id)
    if (approver.id === r.exception.declaredBy)
      throw new TenPrintPolicyError('self-approval', approver.id)
    r.exception = { ...r.exception, approvedBy: approver.id, approvedAt: this.now() }
    return this.state(finger)
  }

  withdrawException(finger: FingerName): FingerState {
    const r = this.record(finger)
    if (!r.exception) throw new TenPrintPolicyError('no-exception', finger)
    r.exception = null
    this.duplicates = null
    return this.state(finger)
  }

  state(finger: FingerName): FingerState {
    const r = this.record(finger)
    const remainingAttempts = Math.max(0, this.policy.maxAttempts - r.attempts.length)
    let status: FingerStatus
    if (r.exception) status = r.exception.approvedBy ? 'exception-approved' : 'exception-pending'
    else if (!r.best) status = 'pending'
    else if (r.best.quality.score >= this.policy.acceptScore) status = 'accepted'
    else status = remainingAttempts > 0 ? 'retry' : 'best-kept'
    return {
      finger,
      status,
      attempts: r.attempts.length,
      remainingAttempts,
      best: r.best,
      exception: r.exception,
    }
  }

  /** The next finger that still needs a capture or a decision, in policy order. */
  nextFinger(): FingerName | null {
    return (
      this.policy.fingers.find((f) => {
        const s = this.state(f).status
        return s === 'pending' || s === 'retry' || s === 'exception-pending'
      }) ?? null
    )
  }

  /** Brings the watch in line with the finger's best capture (none when excused or not taken). */
  private syncWatch(finger: FingerName): void {
    const r = this.record(finger)
    if (!r.best || r.exception) this.watch.remove(finger)
    else this.watch.add(finger, r.best.image)
  }

  /**
   * The duplicate pairs the finger's best capture forms with the other fingers, checked at once as
   * the finger arrives (at most nine comparisons), so the final check has nothing left to do.
   */
  duplicatesOf(finger: FingerName): DuplicatePair[] {
    // Fingers already checked as they arrived cost nothing here; any not yet seen are added.
    for (const f of this.policy.fingers) this.syncWatch(f)
    return this.watch.pairsOf(finger)
  }

  /** The duplicate-finger check over the best capture of every captured, non-excused finger. */
  checkDuplicates(): DuplicatePair[] {
    for (const f of this.policy.fingers) this.syncWatch(f)
    this.duplicates = this.watch.pairs()
    return this.duplicates
  }

  summary(): TenPrintSummary {
    const fingers = this.policy.fingers.map((f) => this.state(f))
    const resolved = fingers.every((s) =>
      ['accepted', 'best-kept', 'exception-approved'].includes(s.status),
    )
    return {
      complete: resolved && this.duplicates !== null && this.duplicates.length === 0,
      fingers,
      duplicates: this.duplicates,
    }
  }
}
