// Contract values for the fingerprint screen's component tests; never bundled.
import {
  fingerNames,
  type FingerName,
  type FingerprintSession,
  type FingerState,
} from '../../../../electron/contract'

export function finger(name: FingerName, fields: Partial<FingerState> = {}): FingerState {
  return {
    finger: name,
    status: 'pending',
    attempts: 0,
    remainingAttempts: 3,
    best: null,
    missing: null,
    duplicateOf: [],
    ...fields,
  }
}

/** A session where the named fingers are as given and the rest pending. */
export function session(
  fingers: Partial<Record<FingerName, Partial<FingerState>>> = {},
  fields: Partial<FingerprintSession> = {},
): FingerprintSession {
  const states = fingerNames.map((f) => finger(f, fingers[f]))
  const next =
    states.find((s) => ['pending', 'retry', 'exception-pending'].includes(s.status))?.finger ?? null
  return {
    fingers: states,
    next,
    capturing: null,
    maxAttempts: 3,
    acceptScore: 40,
    duplicates: [],
    complete: false,
    scanner: {
      kind: 'ef01',
      model: 'R503',
      transport: 'sim',
      width: 256,
      height: 288,
      ppi: 500,
      enrolmentGrade: false,
    },
    ...fields,
  }
}

export const accepted = (score = 72): Partial<FingerState> => ({
  status: 'accepted',
  attempts: 1,
  remainingAttempts: 2,
  best: { score, source: 'kiosk-quality-score' },
})

/** Every finger accepted and the duplicate check clean. */
export function allDone(): FingerprintSession {
  const fingers = Object.fromEntries(fingerNames.map((f) => [f, accepted()]))
  return session(fingers, { complete: true, next: null })
}

export const ok = <T>(value: T) => ({ ok: true, value })
export const failed = (code: string, message = code) => ({ ok: false, error: { code, message } })

// A 1×1 grey PNG.
export const PREVIEW_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=='
