import { runFingerprintPipelineBench } from './fp-pipeline'
import type { BenchSuite } from './run'

/** Image-side fingerprint figures; the device-side fp suite may call runFingerprintPipelineBench instead. */
export const fpPipelineBench: BenchSuite = {
  name: 'fp-pipeline',
  description:
    'fingerprint quality, templates, duplicate check and matcher accuracy (synthetic prints)',
  run: (print) => runFingerprintPipelineBench(print),
}
