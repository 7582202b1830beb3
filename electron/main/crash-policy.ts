/** Why a renderer went away, as Electron's `render-process-gone` details give it. */
export interface RenderProcessGone {
  reason: string
  exitCode: number
}

export type CrashDecision =
  /** Load the kiosk's start page again: it signs in and resumes the saved draft. */
  | { action: 'reload'; attempt: number }
  /** Too many crashes in a row: stop reloading, tell the officer to call support. */
  | { action: 'give-up'; crashes: number }
  /** The page ended on purpose (the window is closing): nothing to do. */
  | { action: 'ignore' }

export interface CrashPolicyOptions {
  /** Reloads allowed within `windowMs` before giving up (a page that crashes on load loops). */
  maxReloads: number
  windowMs: number
  /** Milliseconds of a monotonic clock. */
  now(): number
}

export const DEFAULT_CRASH_LIMITS = { maxReloads: 3, windowMs: 60_000 } as const

/**
 * What to do when the kiosk's page dies. Each crash reloads to the start (safe) screen; the draft
 * is in the database already, so nothing the officer entered is lost. A page that keeps crashing
 * would reload forever: past `maxReloads` crashes within `windowMs`, it gives up.
 */
export function createCrashPolicy(options: CrashPolicyOptions) {
  let recent: number[] = []
  return {
    decide(gone: RenderProcessGone): CrashDecision {
      if (gone.reason === 'clean-exit') return { action: 'ignore' }
      const at = options.now()
      recent = [...recent.filter((t) => at - t < options.windowMs), at]
      if (recent.length > options.maxReloads) return { action: 'give-up', crashes: recent.length }
      return { action: 'reload', attempt: recent.length }
    },
  }
}
