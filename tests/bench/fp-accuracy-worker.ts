import { parentPort } from 'node:worker_threads'
import { hardSampleImages, type HardTouch } from '../../drivers/fingerprint/matching/hard-sample'
import { matchTemplates } from '../../drivers/fingerprint/matching/match'
import { extractTemplate } from '../../drivers/fingerprint/matching/minutiae'
import {
  printStatistics,
  type PrintStatistics,
} from '../../drivers/fingerprint/matching/print-statistics'

/** Jobs of the accuracy bench (fp-accuracy.ts), run on a worker thread each. */
export type AccuracyJob =
  | { kind: 'touches'; label: string; fingers: number[] }
  | { kind: 'scores'; touches: HardTouch[]; pairs: Int32Array }

export interface TouchesReply {
  touches: HardTouch[]
  /** Statistics of each touch, in the order of `touches`. */
  stats: PrintStatistics[]
  /** Milliseconds in all, and in template extraction alone. */
  ms: number
  extractMs: number
}

export interface ScoresReply {
  scores: Float32Array
  ms: number
}

function touchesOf(label: string, fingers: readonly number[]): TouchesReply {
  const start = performance.now()
  const touches: HardTouch[] = []
  const stats: PrintStatistics[] = []
  let extractMs = 0
  for (const finger of fingers) {
    for (const { kind, image } of hardSampleImages(label, finger)) {
      const t0 = performance.now()
      const template = extractTemplate(image)
      extractMs += performance.now() - t0
      touches.push({ finger, kind, template })
      stats.push(printStatistics(image, template))
    }
  }
  return { touches, stats, ms: performance.now() - start, extractMs }
}

function run(job: AccuracyJob): TouchesReply | ScoresReply {
  if (job.kind === 'touches') return touchesOf(job.label, job.fingers)
  const start = performance.now()
  const scores = new Float32Array(job.pairs.length / 2)
  for (let p = 0; p < scores.length; p++) {
    const a = job.touches[job.pairs[2 * p] as number]
    const b = job.touches[job.pairs[2 * p + 1] as number]
    if (a && b) scores[p] = matchTemplates(a.template, b.template).score
  }
  return { scores, ms: performance.now() - start }
}

parentPort?.on('message', (job: AccuracyJob) => {
  parentPort?.postMessage(run(job))
})
