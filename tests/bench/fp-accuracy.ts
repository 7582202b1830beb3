import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { SAME_FINGER_THRESHOLD } from '../../drivers/fingerprint/matching'
import {
  HARD_SAMPLE_TOUCHES,
  hardSampleImages,
  kindPair,
  type HardTouch,
} from '../../drivers/fingerprint/matching/hard-sample'
import { matchTemplates } from '../../drivers/fingerprint/matching/match'
import { extractTemplate, type FingerTemplate } from '../../drivers/fingerprint/matching/minutiae'
import {
  distributionOf,
  formatDistribution,
  REAL_PRINT_RANGES,
  type PrintStatistics,
} from '../../drivers/fingerprint/matching/print-statistics'
import type { AccuracyJob, ScoresReply, TouchesReply } from './fp-accuracy-worker'
import { DET_COLOURS, drawDetPng, type DetCurve } from './fp-det-plot'

/** `--fp-pairs=N` on the bench command line: impostor pairs to measure (default 100 000). */
export function impostorPairsFlag(argv: readonly string[]): number {
  const flag = argv.find((a) => a.startsWith('--fp-pairs='))
  const n = flag ? Number(flag.slice('--fp-pairs='.length)) : Number.NaN
  return Number.isInteger(n) && n > 0 ? n : 100_000
}

/**
 * `--fp-tune`: the tuning set (label tune-hard) instead of the bench's (bench-hard). The matcher's
 * constants were fitted on the tuning set, whose seeds are disjoint from the bench's, so the bench
 * figures are not fitted to themselves.
 */
export function hardSetLabel(argv: readonly string[]): string {
  return argv.includes('--fp-tune') ? 'tune-hard' : 'bench-hard'
}

const TOUCHES = HARD_SAMPLE_TOUCHES.length

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

/**
 * Extraction and comparison timed on the main thread while the workers are idle, so the process's
 * CPU time is this thread's: on a shared machine the CPU figure is what a print costs, the wall
 * figure what it took among the other loads.
 */
function timeAlone(print: (line: string) => void, touches: readonly HardTouch[]): void {
  const images = hardSampleImages('bench-timing', 0).map((t) => t.image)
  const others = touches.slice(0, 200).map((t) => t.template)
  const extractAll = () => images.map((image) => extractTemplate({ ...image }))
  const compareAll = (own: readonly FingerTemplate[]) => {
    for (const t of own) for (const other of others) matchTemplates(t, other)
  }
  // Two rounds warm the JIT up; the next three are timed.
  for (let round = 0; round < 2; round++) compareAll(extractAll())
  let wall = performance.now()
  let cpu = cpuMs()
  const own = extractAll()
  extractAll()
  extractAll()
  const prints = 3 * own.length
  const extract = { wall: (performance.now() - wall) / prints, cpu: (cpuMs() - cpu) / prints }
  wall = performance.now()
  cpu = cpuMs()
  compareAll(own)
  const n = own.length * others.length
  print(
    `timed alone on the main thread: extraction ${extract.wall.toFixed(1)} ms wall / ${extract.cpu.toFixed(1)} ms CPU per 400×500 print (${prints} extractions); comparison ${((performance.now() - wall) / n).toFixed(2)} ms wall / ${((cpuMs() - cpu) / n).toFixed(2)} ms CPU (${n} pairs)`,
  )
}

/** Fewest fingers whose different-finger pairs reach `pairs` (every touch against every other). */
function fingersFor(pairs: number): number {
  let f = 2
  while ((TOUCHES * f * (TOUCHES * f - 1)) / 2 - f * ((TOUCHES * (TOUCHES - 1)) / 2) < pairs) f++
  return f
}

// The bench runs TypeScript through tsx (bin/bench.js); a worker registers it for itself first.
function spawn(): Worker {
  const script = new URL('./fp-accuracy-worker.ts', import.meta.url).href
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}) })`
  return new Worker(bootstrap, { eval: true })
}

function ask<T>(worker: Worker, job: AccuracyJob): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m: T) => resolve(m))
    worker.once('error', reject)
    worker.postMessage(job)
  })
}

/** Scores of every pair, split over the workers; genuine pairs are those of one finger. */
async function scoreAll(workers: Worker[], touches: HardTouch[]) {
  const pairs: number[] = []
  for (let i = 0; i < touches.length; i++)
    for (let j = i + 1; j < touches.length; j++) pairs.push(i, j)
  const total = pairs.length / 2
  const share = Math.ceil(total / workers.length)
  const parts = await Promise.all(
    workers.map((w, k) =>
      ask<ScoresReply>(w, {
        kind: 'scores',
        touches,
        pairs: Int32Array.from(pairs.slice(2 * k * share, 2 * Math.min(total, (k + 1) * share))),
      }),
    ),
  )
  const scores = new Float32Array(total)
  let offset = 0
  for (const part of parts) {
    scores.set(part.scores, offset)
    offset += part.scores.length
  }
  const cpuMs = parts.reduce((s, p) => s + p.ms, 0)
  return { pairs: Int32Array.from(pairs), scores, cpuMs }
}

export interface KindScores {
  genuine: number[]
  impostor: number[]
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
}

/** Lowest threshold at which at most `fmr` of the impostor scores reach it. */
function thresholdAt(impostorDescending: readonly number[], fmr: number): number {
  const allowed = Math.floor(fmr * impostorDescending.length)
  const next = impostorDescending[allowed] ?? 0
  return next + 1e-6
}

const share = (xs: readonly number[], t: number) => xs.filter((s) => s < t).length

function pct(n: number, of: number): string {
  return `${of ? ((100 * n) / of).toFixed(2) : '—'} % (${n}/${of})`
}

function detCurve(label: string, genuine: number[], impostor: number[]): DetCurve {
  const g = [...genuine].sort((a, b) => a - b)
  const points: { fmr: number; fnmr: number }[] = []
  for (let t = 0; t <= 1.0001; t += 0.005) {
    const fnmr = share(g, t) / Math.max(1, g.length)
    const fmr = impostor.filter((s) => s >= t).length / Math.max(1, impostor.length)
    points.push({ fmr, fnmr })
  }
  return { label, points }
}

/** Prints the accuracy figures, writes the DET CSV and PNG to out/bench. */
function report(print: (line: string) => void, byKind: Map<string, KindScores>): void {
  const allImpostor = [...byKind.values()].flatMap((k) => k.impostor).sort((a, b) => b - a)
  const t01 = thresholdAt(allImpostor, 0.001)
  const t001 = thresholdAt(allImpostor, 0.0001)
  const above = allImpostor.filter((s) => s >= SAME_FINGER_THRESHOLD).length
  print(
    `impostor pairs ${allImpostor.length}: max ${allImpostor[0]?.toFixed(3)}, at or above the threshold ${SAME_FINGER_THRESHOLD}: ${above}`,
  )
  print(`threshold at FMR 0.1 % = ${t01.toFixed(3)}, at FMR 0.01 % = ${t001.toFixed(3)}`)
  const curves: DetCurve[] = []
  const csv = ['kinds,threshold,fmr,fnmr']
  for (const [key, k] of byKind) {
    const g = [...k.genuine].sort((a, b) => a - b)
    const i = [...k.impostor].sort((a, b) => a - b)
    const overT = i.filter((s) => s >= SAME_FINGER_THRESHOLD).length
    print(
      `${key.padEnd(16)} genuine ${g.length}: FNMR @FMR0.1% ${pct(share(g, t01), g.length)}, @FMR0.01% ${pct(share(g, t001), g.length)}, @threshold ${pct(share(g, SAME_FINGER_THRESHOLD), g.length)}`,
    )
    print(
      `${''.padEnd(16)} scores genuine min ${quantile(g, 0).toFixed(3)} p5 ${quantile(g, 0.05).toFixed(3)} median ${quantile(g, 0.5).toFixed(3)}; impostor ${i.length} median ${quantile(i, 0.5).toFixed(3)} p99.9 ${quantile(i, 0.999).toFixed(3)} max ${quantile(i, 1).toFixed(3)}, ≥ threshold ${overT}`,
    )
    if (g.length) {
      const curve = detCurve(key, k.genuine, allImpostor)
      curves.push(curve)
      curve.points.forEach((p, n) =>
        csv.push(`${key},${(n * 0.005).toFixed(3)},${p.fmr},${p.fnmr}`),
      )
    }
  }
  const dir = join('out', 'bench')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'fp-det.csv'), `${csv.join('\n')}\n`)
  writeFileSync(join(dir, 'fp-det.png'), drawDetPng(curves))
  const legend = curves.map((c, n) => `${c.label}=rgb(${(DET_COLOURS[n] ?? []).join(',')})`)
  print(`DET: out/bench/fp-det.csv, out/bench/fp-det.png (${legend.join(' ')})`)
}

/** Minutiae per print, ridge period and quality per kind, beside the published real-print ranges. */
function printDistributions(
  print: (line: string) => void,
  touched: readonly { touch: HardTouch; stats: PrintStatistics }[],
): void {
  const { minutiaeMedian: m, ridgePeriodMedian: r } = REAL_PRINT_RANGES
  print(
    `distributions (real 500 ppi prints: median minutiae ${m.low}–${m.high}, median ridge period ${r.low}–${r.high} px; drivers/fingerprint/README.md)`,
  )
  for (const kind of [...new Set(HARD_SAMPLE_TOUCHES), 'all'] as const) {
    const s = touched.filter((t) => kind === 'all' || t.touch.kind === kind).map((t) => t.stats)
    const accepted = s.filter((x) => x.acceptable).length
    print(
      `  ${kind.padEnd(8)} minutiae ${formatDistribution(distributionOf(s.map((x) => x.minutiae)), 0)}`,
    )
    print(
      `  ${''.padEnd(8)} ridge period px ${formatDistribution(distributionOf(s.filter((x) => x.ridgePeriod > 0).map((x) => x.ridgePeriod)))}`,
    )
    print(
      `  ${''.padEnd(8)} quality ${formatDistribution(distributionOf(s.map((x) => x.quality)), 0)}, accepted ${pct(accepted, s.length)}; area mm² median ${distributionOf(s.map((x) => x.areaMm2)).median.toFixed(0)}`,
    )
  }
}

/**
 * Accuracy on the hard synthetic set: every touch of every finger against every other, genuine pairs
 * and at least `impostorPairs` impostor pairs, split by the kinds of the two touches.
 */
export async function runFingerprintAccuracyBench(
  print: (line: string) => void,
  impostorPairs = impostorPairsFlag(process.argv),
  label = hardSetLabel(process.argv),
): Promise<void> {
  const fingers = fingersFor(impostorPairs)
  const workers = [spawn(), spawn()]
  try {
    const start = performance.now()
    const ids = [...Array(fingers).keys()]
    const parts = await Promise.all(
      workers.map((w, k) =>
        ask<TouchesReply>(w, {
          kind: 'touches',
          label,
          fingers: ids.filter((f) => f % workers.length === k),
        }),
      ),
    )
    const touched = parts
      .flatMap((p) =>
        p.touches.map((touch, n) => ({ touch, stats: p.stats[n] as PrintStatistics })),
      )
      .sort((a, b) => a.touch.finger - b.touch.finger)
    const touches = touched.map((t) => t.touch)
    const perPrint = parts.reduce((s, p) => s + p.ms, 0) / touches.length
    const extract = parts.reduce((s, p) => s + p.extractMs, 0) / touches.length
    print(
      `hard set ${label}: ${fingers} fingers × ${TOUCHES} touches (${HARD_SAMPLE_TOUCHES.join(', ')}), generated and extracted in ${((performance.now() - start) / 1000).toFixed(0)} s (${perPrint.toFixed(0)} ms per print incl. master; extraction ${extract.toFixed(1)} ms per 400×500 print; wall time on busy workers)`,
    )
    printDistributions(print, touched)
    const scored = await scoreAll(workers, touches)
    print(
      `${scored.scores.length} comparisons: ${(scored.cpuMs / scored.scores.length).toFixed(3)} ms each (wall time summed over ${workers.length} workers)`,
    )
    const byKind = new Map<string, KindScores>()
    for (let p = 0; p < scored.scores.length; p++) {
      const a = touches[scored.pairs[2 * p] as number]
      const b = touches[scored.pairs[2 * p + 1] as number]
      if (!a || !b) continue
      const entry = byKind.get(kindPair(a.kind, b.kind)) ?? { genuine: [], impostor: [] }
      byKind.set(kindPair(a.kind, b.kind), entry)
      ;(a.finger === b.finger ? entry.genuine : entry.impostor).push(scored.scores[p] ?? 0)
    }
    report(print, byKind)
    timeAlone(print, touches)
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
