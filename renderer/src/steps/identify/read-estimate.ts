/**
 * The time left of a chip read, from the byte rate seen so far. Pure: every observation brings
 * its own time (the caller's injected clock), and the state is a value the caller keeps.
 */

/** What `card.readProgress` says of the whole document. */
export interface DocumentSample {
  documentBytesRead: number
  documentTotal: number
  filesUnsized: number
}

export type ReadEstimate =
  /** Not enough seen yet, or a file's size still unknown (the total can still grow). */
  | { kind: 'estimating' }
  | { kind: 'remaining'; seconds: number }
  /** Every expected file sized and read. */
  | { kind: 'complete' }

export interface EstimateRules {
  /** No rate before this many bytes… */
  minBytes: number
  /** …and this long since the first block. */
  minMs: number
  /** Time constant of the rate's smoothing: a burst or a stall moves it gradually. */
  smoothingMs: number
}

/** A CCCD at short length gives a block every ~50 ms: a second is a fair first look. */
export const ESTIMATE_RULES: EstimateRules = { minBytes: 2048, minMs: 1000, smoothingMs: 3000 }

export interface EstimatorState {
  /** The first block's time and bytes: the rate is counted from there. */
  startAt: number
  startBytes: number
  lastAt: number
  lastBytes: number
  /** Smoothed bytes per millisecond, once enough has been seen. */
  rate: number | null
  estimate: ReadEstimate
}

/** The state after one more block, seen at `atMs` (any monotonic clock, in ms). */
export function observeRead(
  state: EstimatorState | null,
  sample: DocumentSample,
  atMs: number,
  rules: EstimateRules = ESTIMATE_RULES,
): EstimatorState {
  const bytes = sample.documentBytesRead
  // The first block, or the read started over (the short-length fallback): a new baseline.
  if (state === null || bytes < state.lastBytes) {
    const rate = null
    return {
      startAt: atMs,
      startBytes: bytes,
      lastAt: atMs,
      lastBytes: bytes,
      rate,
      estimate: estimateOf(sample, rate),
    }
  }
  const at = Math.max(atMs, state.lastAt)
  const rate = nextRate(state, bytes, at, rules)
  // Blocks seen in the same millisecond wait for the next one: no division by zero.
  const moved = at > state.lastAt
  return {
    ...state,
    lastAt: moved ? at : state.lastAt,
    lastBytes: moved ? bytes : state.lastBytes,
    rate,
    estimate: estimateOf(sample, rate),
  }
}

function nextRate(state: EstimatorState, bytes: number, at: number, rules: EstimateRules) {
  if (state.rate === null) {
    const elapsed = at - state.startAt
    const seen = bytes - state.startBytes
    return elapsed >= rules.minMs && seen >= rules.minBytes ? seen / elapsed : null
  }
  const dt = at - state.lastAt
  if (dt <= 0) return state.rate
  const instant = (bytes - state.lastBytes) / dt
  // Exponential smoothing over time, not over blocks: uneven block sizes weigh what they last.
  const weight = 1 - Math.exp(-dt / rules.smoothingMs)
  return state.rate + weight * (instant - state.rate)
}

function estimateOf(sample: DocumentSample, rate: number | null): ReadEstimate {
  const left = Math.max(0, sample.documentTotal - sample.documentBytesRead)
  if (sample.filesUnsized === 0 && left === 0 && sample.documentTotal > 0)
    return { kind: 'complete' }
  if (sample.filesUnsized > 0 || rate === null || rate <= 0) return { kind: 'estimating' }
  return { kind: 'remaining', seconds: roundSeconds(left / rate / 1000) }
}

/** Whole seconds, at least 1; beyond 10 s to the nearest 5 so the figure does not flicker. */
function roundSeconds(seconds: number): number {
  const whole = Math.max(1, Math.ceil(seconds))
  return whole <= 10 ? whole : Math.round(whole / 5) * 5
}
