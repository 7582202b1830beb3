import { runFingerprintAccuracyBench } from './fp-accuracy'
import { runFingerprintPipelineBench } from './fp-pipeline'
import { runFingerprintStepBench } from './fp-step'
import { runFrameCostBench, runTransferBench } from './fp-transfer'
import type { BenchSuite } from './run'

/** `npm run bench -- fp`: the device side (links, per-frame cost), then the image side. */
export const fpBench: BenchSuite = {
  name: 'fp',
  description:
    'fingerprint: transfer efficiency per link, per-frame cost, quality, duplicate check, the ten-finger step, accuracy on the hard set (--fp-pairs=N impostor pairs, default 100 000; --fp-tune for the tuning set)',
  async run(print) {
    await runTransferBench(print)
    await runFrameCostBench(print)
    await runFingerprintPipelineBench(print)
    await runFingerprintStepBench(print)
    await runFingerprintAccuracyBench(print)
  },
}
