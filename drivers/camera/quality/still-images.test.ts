import { beforeAll, describe, expect, it } from 'vitest'
import { createNodeFaceEngine } from '../engine/node-engine'
import type { FaceEngine } from '../engine/face-engine'
import * as still from '../test-support'
import type { FaceObservation, RgbaFrame } from '../types'
import { assessPortrait } from './assess'
import type { PortraitAssessment } from './assessment'
import type { ComponentName } from './component-names'
import { faceGeometry } from './face-geometry'

// Every component on still images: one public-domain portrait (resources/camera/) and copies of
// it changed in one way each, so each test shows which component flips and that the others hold.
let engine: FaceEngine
let good: RgbaFrame
let goodFace: FaceObservation

beforeAll(async () => {
  engine = await createNodeFaceEngine()
  // Scaled so the eyes are ~110 px apart: above the 90 px limit, as at the kiosk's distance.
  good = still.scaled(still.readStill('training-citizen.jpg'), 1.25)
  const faces = await engine.observe(good, 'full')
  goodFace = faces[0] as FaceObservation
}, 30_000)

async function assess(frame: RgbaFrame): Promise<PortraitAssessment> {
  return assessPortrait(frame, await engine.observe(frame, 'full'))
}

function component(a: PortraitAssessment, name: ComponentName) {
  const found = a.components.find((c) => c.name === name)
  if (!found) throw new Error(`no ${name}`)
  return found
}

function expectOnlyGatingFailure(a: PortraitAssessment, names: readonly ComponentName[]): void {
  expect([...a.failing].sort()).toEqual([...names].sort())
}

describe('portrait components on still images', () => {
  it('passes every gating component on the good portrait', async () => {
    const a = await assess(good)
    expect(a.faceCount).toBe(1)
    expect(a.failing).toEqual([])
    expect(a.acceptable).toBe(true)
    expect(component(a, 'InterEyeDistance').raw).toBeGreaterThan(100)
    const notMeasured = a.components.filter((c) => !c.measured).map((c) => c.name)
    expect(notMeasured).toEqual([
      'EyesVisible',
      'FaceOcclusionPrevention',
      'CompressionArtifacts',
      'NoHeadCoverings',
    ])
    expect(a.components.filter((c) => !c.measured).every((c) => c.scalar === null)).toBe(true)
  })

  it('fails SingleFacePresent alone when there is no face', async () => {
    const a = await assess(still.blankFrame(640, 480, [180, 190, 200]))
    expect(a.faceCount).toBe(0)
    expectOnlyGatingFailure(a, ['SingleFacePresent'])
    expect(a.eyes).toBeNull()
    expect(component(a, 'HeadPoseYaw').passed).toBeNull()
  })

  it('fails SingleFacePresent when two faces are side by side', async () => {
    const a = await assess(still.sideBySide(good, still.readStill('second-person.png')))
    expect(a.faceCount).toBeGreaterThanOrEqual(2)
    expect(component(a, 'SingleFacePresent').raw).toBeGreaterThan(0.1)
    expect(a.failing).toContain('SingleFacePresent')
  })

  it('fails HeadPoseRoll when the head is tilted 20°', async () => {
    const a = await assess(still.rotated(good, 20))
    expect(Math.abs(component(a, 'HeadPoseRoll').raw ?? 0)).toBeGreaterThan(15)
    expectOnlyGatingFailure(a, ['HeadPoseRoll'])
  })

  it('fails LuminanceMean and UnderExposurePrevention on a dark frame, not over-exposure', async () => {
    const a = await assess(still.mapped(good, (v) => v * 0.15))
    expect(a.failing).toEqual(expect.arrayContaining(['LuminanceMean', 'UnderExposurePrevention']))
    expect(component(a, 'OverExposurePrevention').passed).toBe(true)
    expect(component(a, 'HeadPoseRoll').passed).toBe(true)
  })

  it('fails OverExposurePrevention on an over-exposed frame, not under-exposure', async () => {
    const a = await assess(still.mapped(good, (v) => v * 2.6))
    expect(a.failing).toContain('OverExposurePrevention')
    expect(component(a, 'UnderExposurePrevention').passed).toBe(true)
  })

  it('fails Sharpness alone on a blurred frame', async () => {
    const a = await assess(still.blurred(good, 4))
    expectOnlyGatingFailure(a, ['Sharpness'])
    expect(component(a, 'Sharpness').raw ?? 0).toBeLessThan(
      (component(await assess(good), 'Sharpness').raw ?? 0) / 10,
    )
  })

  it('flags BackgroundUniformity on a busy background, as advice that does not block', async () => {
    const g = faceGeometry(goodFace)
    const [bx, by, bw, bh] = goodFace.box
    const busy = still.painted(
      good,
      (x, y) =>
        ((x - (bx + bw / 2)) / (0.85 * bw)) ** 2 + ((y - (by + bh * 0.4)) / (0.95 * bh)) ** 2 >
          1.1 && y < g.eyeMid[1] + g.t,
      (x, y) => ((Math.floor(x / 6) + Math.floor(y / 6)) % 2 ? [20, 20, 20] : [240, 240, 240]),
    )
    const a = await assess(busy)
    expect(component(a, 'BackgroundUniformity').passed).toBe(false)
    expect(component(a, 'BackgroundUniformity').gating).toBe(false)
    expect(a.acceptable).toBe(true)
  })

  it('fails MouthOcclusionPrevention alone when something covers the mouth', async () => {
    const g = faceGeometry(goodFace)
    const ied = g.planarIed
    const covered = still.withRect(
      good,
      {
        x: g.mouthCentre[0] - 0.6 * ied,
        y: g.mouthCentre[1] - 0.3 * ied,
        w: 1.2 * ied,
        h: 0.6 * ied,
      },
      [40, 90, 200],
    )
    const a = await assess(covered)
    expect(component(a, 'MouthOcclusionPrevention').raw).toBeGreaterThan(0.5)
    expectOnlyGatingFailure(a, ['MouthOcclusionPrevention'])
  })

  it('gives the same result for the same frame every time', async () => {
    expect(await assess(good)).toEqual(await assess(good))
  })
})
