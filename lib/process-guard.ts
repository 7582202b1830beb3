/** The two process-wide events a shell must never leave unheard. */
export type ProcessFaultKind = 'unhandledRejection' | 'uncaughtException'

/** The part of `process` the guard listens on (tests pass an EventEmitter). */
export interface GuardedProcess {
  on(event: ProcessFaultKind, listener: (reason: unknown) => void): unknown
  off(event: ProcessFaultKind, listener: (reason: unknown) => void): unknown
}

/** A fault as it is logged: what was thrown, described, never the value itself. */
export interface ProcessFault {
  kind: ProcessFaultKind
  error: string
  stack?: string
}

/** The shell's logger (electron/core's Logger fits). */
export interface FaultLogger {
  error(message: string, fields: Record<string, unknown>): void
}

export interface ProcessGuardOptions {
  target: GuardedProcess
  log: FaultLogger
  /**
   * Called after the fault is logged. Absent, the process carries on: the kiosk and the servers
   * keep serving. A one-shot command passes one that exits with its "failed" code.
   */
  afterFault?: (fault: ProcessFault) => void
}

const LOG_MESSAGES: Record<ProcessFaultKind, string> = {
  unhandledRejection: 'unhandled promise rejection',
  uncaughtException: 'uncaught exception',
}

/**
 * Listens for unhandled rejections and uncaught exceptions: with a listener, Node neither prints
 * and dies nor lets a rejection pass unseen. Each fault is logged, then `afterFault` decides.
 * Returns the function that removes the listeners.
 */
export function installProcessGuard(options: ProcessGuardOptions): () => void {
  const listeners = new Map<ProcessFaultKind, (reason: unknown) => void>()
  for (const kind of Object.keys(LOG_MESSAGES) as ProcessFaultKind[]) {
    const listener = (reason: unknown): void => {
      const fault: ProcessFault = { kind, ...describeFault(reason) }
      try {
        options.log.error(LOG_MESSAGES[kind], { ...fault })
      } catch {
        // A logger that throws here would turn one fault into a crash: carry on without it.
      }
      options.afterFault?.(fault)
    }
    listeners.set(kind, listener)
    options.target.on(kind, listener)
  }
  return () => {
    for (const [kind, listener] of listeners) options.target.off(kind, listener)
  }
}

/** Message and stack of what was thrown; reading them must not throw (the value may be hostile). */
export function describeFault(reason: unknown): Omit<ProcessFault, 'kind'> {
  try {
    if (reason instanceof Error) {
      const error = `${reason.name}: ${reason.message}`
      return typeof reason.stack === 'string' ? { error, stack: reason.stack } : { error }
    }
    return { error: `non-Error value: ${String(reason)}` }
  } catch {
    return { error: 'a value that cannot be described' }
  }
}
