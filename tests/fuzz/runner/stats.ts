import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CaseFailure, FailureKind } from '../engine/target'

/** Counts of one target (or one child process's share of it). */
export interface TargetStats {
  cases: number
  typed: number
  accepted: number
  failures: number
  slowestMs: number
  slowestCase: number
  /** Largest resident size seen after a case. */
  peakRssMb: number
  /** Largest growth of one case (rss or array buffers). */
  maxGrowthMb: number
  byKind: Partial<Record<FailureKind, number>>
  /** Failures by signature (see failureSignature): one entry per likely bug. */
  bySignature: Record<string, number>
}

export function emptyStats(): TargetStats {
  return {
    cases: 0,
    typed: 0,
    accepted: 0,
    failures: 0,
    slowestMs: 0,
    slowestCase: -1,
    peakRssMb: 0,
    maxGrowthMb: 0,
    byKind: {},
    bySignature: {},
  }
}

export function mergeStats(a: TargetStats, b: TargetStats): TargetStats {
  const byKind: Partial<Record<FailureKind, number>> = { ...a.byKind }
  for (const [k, n] of Object.entries(b.byKind) as [FailureKind, number][])
    byKind[k] = (byKind[k] ?? 0) + n
  const bySignature: Record<string, number> = { ...a.bySignature }
  for (const [k, n] of Object.entries(b.bySignature)) bySignature[k] = (bySignature[k] ?? 0) + n
  const slower = b.slowestMs > a.slowestMs ? b : a
  return {
    cases: a.cases + b.cases,
    typed: a.typed + b.typed,
    accepted: a.accepted + b.accepted,
    failures: a.failures + b.failures,
    slowestMs: slower.slowestMs,
    slowestCase: slower.slowestCase,
    peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
    maxGrowthMb: Math.max(a.maxGrowthMb, b.maxGrowthMb),
    byKind,
    bySignature,
  }
}

/** One failing case, with where its input was saved. */
export interface FailureReport {
  target: string
  caseIndex: number
  failure: CaseFailure
  ms: number
  growthMb: number
  /** Path of the input's hex, or null when the limit of saved inputs was reached. */
  reproducer: string | null
  /** Groups failures that are most likely one bug: kind, message shape, top stack frame. */
  signature: string
}

export function failureSignature(failure: CaseFailure): string {
  const frame = (failure.stack ?? '')
    .split('\n')
    .find((line) => line.trim().startsWith('at '))
    ?.trim()
    .replace(/:\d+:\d+\)?$/, '')
  const shape = failure.message.replace(/\d+/g, 'N').slice(0, 100)
  return [failure.kind, shape, frame ?? ''].join(' | ')
}

/** Writes `<dir>/<target>/<kind>-case<index>.hex` (the input) and a `.txt` beside it. */
export function saveReproducer(
  outDir: string,
  report: Omit<FailureReport, 'reproducer' | 'signature'>,
  input: Uint8Array,
  runSeed: number,
): string {
  const dir = join(outDir, report.target)
  mkdirSync(dir, { recursive: true })
  const base = join(dir, `${report.failure.kind}-case${report.caseIndex}`)
  writeFileSync(`${base}.hex`, `${Buffer.from(input).toString('hex')}\n`)
  writeFileSync(
    `${base}.txt`,
    [
      `target: ${report.target}`,
      `case: ${report.caseIndex} (seed ${runSeed})`,
      `kind: ${report.failure.kind}`,
      `message: ${report.failure.message}`,
      `time: ${report.ms.toFixed(1)} ms, growth: ${report.growthMb.toFixed(1)} MB, input: ${input.length} bytes`,
      `replay: npm run fuzz -- --target ${report.target} --replay ${base}.hex`,
      '',
      report.failure.stack ?? '',
      '',
    ].join('\n'),
  )
  return `${base}.hex`
}
