/** Auto-capture: N acceptable frames in a row start a countdown; any failing frame resets both. */
export interface AutoCapture {
  readonly streak: number
  /** Seconds left of the countdown, or null when none runs. */
  readonly countdown: number | null
}

export const idleCapture: AutoCapture = { streak: 0, countdown: null }

export interface CaptureRule {
  readonly autoCaptureFrames: number
  readonly countdownSeconds: number
}

export interface Step {
  readonly next: AutoCapture
  /** Take the frame just analysed now. */
  readonly capture: boolean
}

/** A frame was analysed. */
export function onFrame(state: AutoCapture, acceptable: boolean, rule: CaptureRule): Step {
  if (!acceptable) return { next: idleCapture, capture: false }
  const streak = state.streak + 1
  if (state.countdown !== null) return { next: { ...state, streak }, capture: false }
  if (streak < rule.autoCaptureFrames) return { next: { streak, countdown: null }, capture: false }
  if (rule.countdownSeconds === 0) return { next: idleCapture, capture: true }
  return { next: { streak, countdown: rule.countdownSeconds }, capture: false }
}

/** One second of the countdown passed. */
export function onTick(state: AutoCapture): Step {
  if (state.countdown === null) return { next: state, capture: false }
  const left = state.countdown - 1
  if (left <= 0) return { next: idleCapture, capture: true }
  return { next: { ...state, countdown: left }, capture: false }
}
