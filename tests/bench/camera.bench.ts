import { measureCameraInBrowser } from './camera-browser'
import type { BenchSuite } from './run'
import { formatTiming } from './stats'

/** `npm run bench -- camera`: the portrait analysis where the officer sees it, in Chromium. */
export const cameraBench: BenchSuite = {
  name: 'camera',
  description: 'portrait analysis: model load, ms per 640×480 frame in the worker, live-loop fps',
  async run(print) {
    const b = await measureCameraInBrowser()
    print(`browser (Chromium, WASM, in the worker), fake camera 'good' 640×480`)
    print(`${'model load + warm-up'.padEnd(38)} ${b.loadMs.toFixed(0)} ms`)
    print(formatTiming('analysis per frame', b.analysis))
    print(
      `${'live loop'.padEnd(38)} ${b.fps.toFixed(1)} frames/s (${b.frames} frames in ${b.seconds.toFixed(1)} s; goal ≥ 10)`,
    )
  },
}
