import { parentPort } from 'node:worker_threads'
import { hardSampleTouches, type HardTouch } from '../../drivers/fingerprint/matching/hard-sample'
import { matchTemplates } from '../../drivers/fingerprint/matching/match'

/** Jobs of the accuracy bench (fp-accuracy.ts), run on a worker thread each. */
export type AccuracyJob =
  | { kind: 'touches'; label: string; fingers: number[] }
  | { kind: 'scores'; touches: HardTouch[]; pairs: Int32Array }

function run(job: AccuracyJob): { touches?: HardTouch[]; scores?: Float32Array; ms: number } {
  const start = performance.now()
  if (job.kind === 'touches') {
    const touches = job.fingers.flatMap((f) => hardSampleTouches(job.label, f))
    return { touches, ms: performance.now() - start }
  }
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
