import vm from 'node:vm'
import type { CaseFailure, CaseOutcome, TargetRun } from './target'

/** A case slower than this is a failure: a parser of untrusted bytes must not be made to hang. */
export const SLOW_MS = 2000
/** A case that makes the process grow by more than this is a failure (a decompression bomb). */
export const MEMORY_MB = 200

const MB = 1024 * 1024

interface Before {
  at: number
  rss: number
  arrayBuffers: number
}

function before(): Before {
  const m = process.memoryUsage()
  return { rss: m.rss, arrayBuffers: m.arrayBuffers, at: performance.now() }
}

/** Time and memory since `b`; `rss` is the process's resident size now, in MB. */
function since(b: Before): { ms: number; growthMb: number; rssMb: number } {
  const ms = performance.now() - b.at
  const m = process.memoryUsage()
  const growth = Math.max(m.rss - b.rss, m.arrayBuffers - b.arrayBuffers, 0)
  return { ms, growthMb: growth / MB, rssMb: m.rss / MB }
}

/** What a thrown value is, safely: a hostile object may not even convert to a string. */
export function describeThrown(thrown: unknown): CaseFailure {
  if (thrown instanceof Error) {
    let message: string
    try {
      message = `${thrown.name}: ${thrown.message}`
    } catch {
      message = 'Error (unprintable message)'
    }
    return {
      kind: 'untyped',
      message: message.slice(0, 2000),
      stack: String(thrown.stack ?? '').slice(0, 4000),
    }
  }
  let text: string
  try {
    text = typeof thrown === 'object' && thrown !== null ? JSON.stringify(thrown) : String(thrown)
  } catch {
    text = Object.prototype.toString.call(thrown)
  }
  return {
    kind: 'untyped',
    message: `non-Error thrown (${typeof thrown}): ${String(text).slice(0, 500)}`,
  }
}

function judge(
  run: TargetRun,
  settled: { ok: true; value: unknown } | { ok: false; error: unknown },
  measured: { ms: number; growthMb: number },
): CaseOutcome {
  const { ms, growthMb } = measured
  if (ms > SLOW_MS) {
    return {
      kind: 'failure',
      ms,
      growthMb,
      failure: { kind: 'slow', message: `took ${Math.round(ms)} ms (limit ${SLOW_MS} ms)` },
    }
  }
  if (growthMb > MEMORY_MB) {
    const message = `grew the process by ${Math.round(growthMb)} MB (limit ${MEMORY_MB} MB)`
    return { kind: 'failure', ms, growthMb, failure: { kind: 'memory', message } }
  }
  if (!settled.ok) {
    if (run.isTyped(settled.error)) return { kind: 'typed', ms, growthMb }
    return { kind: 'failure', ms, growthMb, failure: describeThrown(settled.error) }
  }
  const problem = run.checkResult?.(settled.value) ?? null
  if (problem)
    return { kind: 'failure', ms, growthMb, failure: { kind: 'bad-result', message: problem } }
  return { kind: 'accepted', ms, growthMb }
}

export interface Measured {
  outcome: CaseOutcome
  rssMb: number
}

export function runCaseSync(run: TargetRun, input: Uint8Array): Measured {
  const b = before()
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown }
  try {
    const value = run.execute(input)
    if (value instanceof Promise) throw new Error(`sync target returned a promise`)
    settled = { ok: true, value }
  } catch (error) {
    settled = { ok: false, error }
  }
  const m = since(b)
  return { outcome: judge(run, settled, m), rssMb: m.rssMb }
}

export async function runCaseAsync(run: TargetRun, input: Uint8Array): Promise<Measured> {
  const b = before()
  let settled: { ok: true; value: unknown } | { ok: false; error: unknown }
  try {
    settled = { ok: true, value: await run.execute(input) }
  } catch (error) {
    settled = { ok: false, error }
  }
  const m = since(b)
  return { outcome: judge(run, settled, m), rssMb: m.rssMb }
}

/** Time a batch of sync cases may take before V8 interrupts it (see runSyncBatch). */
export const BATCH_BUDGET_MS = SLOW_MS + 500

const context = vm.createContext({ job: null as (() => void) | null })
const script = new vm.Script('job()')

export interface BatchResult {
  /** Index (in `inputs`) to continue from. */
  next: number
  /** Set when V8 stopped a case that had run past SLOW_MS. */
  overrun?: { index: number; ms: number }
}

/**
 * Runs sync cases `from`… of `inputs` inside one vm call with a timeout, so a case stuck in a loop
 * is interrupted (TerminateExecution) without killing the process, at the cost of one watchdog per
 * batch rather than per case. When the budget runs out, the case in progress is a failure if it
 * alone ran past SLOW_MS; otherwise it only had the bad luck to start late, and runs again.
 */
export function runSyncBatch(
  run: TargetRun,
  inputs: readonly Uint8Array[],
  from: number,
  onCase: {
    before(index: number): void
    after(index: number, measured: Measured): void
    /** Cases not to run at all (already counted). */
    skip?(index: number): boolean
  },
  budgetMs = BATCH_BUDGET_MS,
): BatchResult {
  const state = { index: from, startedAt: 0, recorded: -1 }
  context.job = () => {
    for (; state.index < inputs.length; state.index++) {
      if (onCase.skip?.(state.index)) {
        state.recorded = state.index
        continue
      }
      onCase.before(state.index)
      state.startedAt = performance.now()
      onCase.after(state.index, runCaseSync(run, inputs[state.index] as Uint8Array))
      state.recorded = state.index
    }
  }
  try {
    script.runInContext(context, { timeout: budgetMs })
    return { next: inputs.length }
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error
    if (state.recorded === state.index) return { next: state.index + 1 }
    const ms = performance.now() - state.startedAt
    if (ms < SLOW_MS) return { next: state.index }
    return { next: state.index + 1, overrun: { index: state.index, ms } }
  } finally {
    context.job = null
  }
}
