import type fc from 'fast-check'
import type { JsonView } from './json-mutate'

/**
 * One parser of untrusted bytes under fuzzing. `setup` builds the valid seeds with the project's own
 * builders (and whatever the parser needs: keys, a trust store, an upstream), once per process.
 */
export interface FuzzTarget {
  name: string
  /** The functions exercised and where their bytes come from, for the README and `--list`. */
  parses: string
  /** The documented failures, as `isTyped` accepts them. */
  typedErrors: string
  setup(): Promise<TargetRun> | TargetRun
}

export interface TargetRun {
  /** Valid inputs made by the project's builders: the mutation engine starts from these. */
  seeds: readonly Uint8Array[]
  /** Inputs generated from nothing (random bytes, random TLV trees, random text). */
  generated: fc.Arbitrary<Uint8Array>
  /** Structure the mutation engine may use: TLV nodes, and where the JSON sits. */
  structure: { tlv: boolean; json?: JsonView; dictionary?: readonly string[] }
  /**
   * Sync targets return (or throw) straight away and can be interrupted when they overrun; async
   * ones return a promise and are watched by the parent process instead.
   */
  mode: 'sync' | 'async'
  execute(input: Uint8Array): unknown
  /** True for the parser's documented errors; anything else thrown is a failure. */
  isTyped(error: unknown): boolean
  /** A problem with what an accepted input produced (e.g. "internal error" verdicts), or null. */
  checkResult?(result: unknown): string | null
  /** Largest input the mutation engine may produce for this target (default 1 MiB). */
  maxBytes?: number
  dispose?(): Promise<void> | void
}

/** What one case came to. */
export type CaseOutcome =
  | { kind: 'accepted'; ms: number; growthMb: number }
  | { kind: 'typed'; ms: number; growthMb: number }
  | { kind: 'failure'; failure: CaseFailure; ms: number; growthMb: number }

export type FailureKind = 'untyped' | 'bad-result' | 'slow' | 'memory' | 'crash' | 'hang'

export interface CaseFailure {
  kind: FailureKind
  /** Error class (or `typeof` for non-errors) and message, or what was measured. */
  message: string
  stack?: string
}

type ErrorClass = abstract new (...args: never[]) => unknown

/** `isTyped` for parsers whose documented errors are these classes (subclasses included). */
export function instanceOfAny(...classes: readonly ErrorClass[]): (error: unknown) => boolean {
  return (error) => classes.some((c) => error instanceof c)
}
