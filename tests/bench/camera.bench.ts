import { sampleFaceInput } from '../../drivers/camera/record/test-support'
import {
  assessPortrait,
  buildFaceRecord,
  readFaceRecord,
  createNodeFaceEngine,
  encodeJpeg,
  encodePng,
  matchImages,
  type FaceEngine,
  type RgbaFrame,
} from '../../drivers/camera'
import * as still from '../../drivers/camera/test-support'
import { checkPortrait } from '../../electron/core/portrait/portrait-check'
import { DEFAULT_PORTRAIT_SETTINGS } from '../../electron/core/portrait'
import { measureCameraInBrowser } from './camera-browser'
import type { BenchSuite } from './run'
import { formatTiming, time } from './stats'

/**
 * Portrait figures under Node (the main process and the CLI): model load, analysis per 640×480
 * frame, the main-process re-check, the 1:1 match, and the score distributions on the images we
 * have. The browser figures (worker analysis, live-loop fps) are printed by camera-browser.ts.
 */
export const cameraBench: BenchSuite = {
  name: 'camera',
  description: 'face models (human 3.3.6, WASM): load, analysis per frame, re-check, match, scores',
  async run(print) {
    const started = performance.now()
    const engine = await createNodeFaceEngine()
    print(
      `model load (Node, WASM): ${(performance.now() - started).toFixed(0)} ms (goal ≤ 1500 ms)`,
    )
    const frame = still.cameraFrame()
    print(
      formatTiming(
        'analysis per 640×480 frame, live models',
        await time(() => analyse(engine, frame, 'live'), 20, 3),
      ),
    )
    print(
      formatTiming(
        'analysis per 640×480 frame, all models',
        await time(() => analyse(engine, frame, 'full'), 10, 2),
      ),
    )
    await printRecheck(print, engine, frame)
    const chip = still.readStill('training-citizen.jpg')
    print(
      formatTiming(
        'match (two images, descriptors, score)',
        await time(() => matchImages(engine, frame, chip, 0.5), 10, 2),
      ),
    )
    print('goals: re-check ≤ 400 ms, match ≤ 700 ms (median)')
    const record = buildFaceRecord(sampleFaceInput({ imageData: encodeJpeg(frame, 90) }))
    print(
      formatTiming(
        'ISO/IEC 19794-5 record build',
        await time(() => buildFaceRecord(sampleFaceInput()), 200),
      ),
    )
    print(
      formatTiming('ISO/IEC 19794-5 record parse', await time(() => readFaceRecord(record), 200)),
    )
    await printDistributions(print, engine)
    await printBrowser(print)
  },
}

/** The same analysis where the officer sees it: Chromium, WASM, in the renderer's worker. */
async function printBrowser(print: (line: string) => void): Promise<void> {
  const b = await measureCameraInBrowser()
  print(`browser (Chromium, WASM, in the worker), fake camera 'good' 640×480:`)
  print(`${'  model load + warm-up'.padEnd(38)} ${b.loadMs.toFixed(0)} ms`)
  print(formatTiming('  analysis per frame (worker)', b.analysis))
  print(
    `${'  live loop'.padEnd(38)} ${b.fps.toFixed(1)} frames/s (${b.frames} frames in ${b.seconds.toFixed(1)} s; goal ≥ 10)`,
  )
}

async function analyse(engine: FaceEngine, frame: RgbaFrame, mode: 'live' | 'full'): Promise<void> {
  assessPortrait(frame, await engine.observe(frame, mode))
}

async function printRecheck(
  print: (line: string) => void,
  engine: FaceEngine,
  frame: RgbaFrame,
): Promise<void> {
  const deps = {
    engine: () => Promise.resolve(engine),
    settings: DEFAULT_PORTRAIT_SETTINGS,
    now: () => new Date(),
  }
  const input = {
    pngBase64: Buffer.from(encodePng(frame)).toString('base64'),
    capture: 'auto' as const,
  }
  const noChip = { input, chipFace: null, manualApproved: false }
  print(
    formatTiming(
      're-check (PNG, models, token, JPEG)',
      await time(() => checkPortrait(deps, noChip), 10, 2),
    ),
  )
  const withChip = { ...noChip, chipFace: encodeJpeg(still.readStill('training-citizen.jpg'), 90) }
  print(
    formatTiming(
      're-check + match with chip photo',
      await time(() => checkPortrait(deps, withChip), 10, 2),
    ),
  )
}

/** Variations of one photo: each is a different image of the same capture, not a new capture. */
function variations(source: RgbaFrame): RgbaFrame[] {
  return [
    source,
    still.scaled(source, 0.8),
    still.scaled(source, 1.25),
    still.rotated(source, 6),
    still.rotated(source, -6),
    still.mapped(source, (v) => v * 0.7),
    still.mapped(source, (v) => v * 1.2 + 10),
    still.blurred(source, 1),
  ]
}

async function descriptors(engine: FaceEngine, frames: RgbaFrame[]): Promise<number[][]> {
  const out: number[][] = []
  for (const frame of frames) {
    const [face] = await engine.observe(frame, 'full')
    if (face?.embedding) out.push([...face.embedding])
  }
  return out
}

async function printDistributions(
  print: (line: string) => void,
  engine: FaceEngine,
): Promise<void> {
  const { descriptorSimilarity } = await import('../../drivers/camera')
  const a = await descriptors(engine, variations(still.readStill('training-citizen.jpg')))
  const b = await descriptors(engine, variations(still.readStill('second-person.png')))
  const same: number[] = []
  for (const set of [a, b])
    for (let i = 0; i < set.length; i++)
      for (let j = i + 1; j < set.length; j++)
        same.push(descriptorSimilarity(set[i] ?? [], set[j] ?? []))
  const different = a.flatMap((x) => b.map((y) => descriptorSimilarity(x, y)))
  print(
    'score distributions: 2 people (public-domain photos in resources/camera/), 8 variations of ONE photo each',
  )
  print(
    '  (scale, ±6° roll, brightness, blur): same-person pairs are copies of one capture, NOT independent captures',
  )
  print(`  same person:      ${summary(same)}`)
  print(`  different people: ${summary(different)}`)
}

function summary(scores: number[]): string {
  const sorted = [...scores].sort((x, y) => x - y)
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  const above = scores.filter((s) => s >= 0.5).length
  return `n=${scores.length} min ${at(0).toFixed(2)} median ${at(0.5).toFixed(2)} max ${at(1).toFixed(2)}; ≥ 0.5: ${above}`
}
