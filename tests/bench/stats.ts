import { performance } from 'node:perf_hooks'

export interface Timing {
  median: number
  p95: number
  min: number
}

/** Runs `fn` `runs` times after `warmup` runs and reports milliseconds. */
export async function time(
  fn: () => unknown,
  runs: number,
  warmup = Math.min(20, runs),
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN
  return { median: at(0.5), p95: at(0.95), min: samples[0] ?? Number.NaN }
}

export function formatTiming(label: string, t: Timing): string {
  return `${label.padEnd(38)} median ${t.median.toFixed(3)} ms  p95 ${t.p95.toFixed(3)} ms  min ${t.min.toFixed(3)} ms`
}
