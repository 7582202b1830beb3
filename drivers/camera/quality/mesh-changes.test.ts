import { beforeAll, describe, expect, it } from 'vitest'
import { createNodeFaceEngine } from '../engine/node-engine'
import * as still from '../test-support'
import type { FaceObservation, RgbaFrame } from '../types'
import { assessPortrait } from './assess'
import { MESH } from './mesh-points'

// No licensed still of a turned head, a nodding head or closed eyes was available, so these
// components are shown flipping on the good still's own observation with its mesh changed the
// way the head would move: rotated in 3-D about the face's centre, or the lids closed.
let good: RgbaFrame
let face: FaceObservation

beforeAll(async () => {
  const engine = await createNodeFaceEngine()
  good = still.scaled(still.readStill('training-citizen.jpg'), 1.25)
  face = (await engine.observe(good, 'full'))[0] as FaceObservation
}, 30_000)

type Axis = 'vertical' | 'horizontal'

function rotateMesh(source: FaceObservation, axis: Axis, degrees: number): FaceObservation {
  const r = (degrees * Math.PI) / 180
  const n = source.mesh.length
  const centre = [0, 1, 2].map((k) => source.mesh.reduce((s, p) => s + (p[k] ?? 0), 0) / n)
  const [cx = 0, cy = 0, cz = 0] = centre
  const mesh = source.mesh.map(([x, y, z]) => {
    if (axis === 'vertical') {
      const dx = x - cx
      const dz = z - cz
      return [
        cx + dx * Math.cos(r) + dz * Math.sin(r),
        y,
        cz - dx * Math.sin(r) + dz * Math.cos(r),
      ] as const
    }
    const dy = y - cy
    const dz = z - cz
    return [
      x,
      cy + dy * Math.cos(r) - dz * Math.sin(r),
      cz + dy * Math.sin(r) + dz * Math.cos(r),
    ] as const
  })
  return { ...source, mesh }
}

function closeEyes(source: FaceObservation): FaceObservation {
  const mesh = source.mesh.map((p) => [...p] as [number, number, number])
  for (const [upper, lower] of [...MESH.rightEyeLids, ...MESH.leftEyeLids]) {
    const low = mesh[lower]
    if (low) mesh[upper] = [low[0], low[1] - 0.5, low[2]]
  }
  return { ...source, mesh }
}

function named(faceToAssess: FaceObservation, name: string) {
  const a = assessPortrait(good, [faceToAssess])
  return { a, c: a.components.find((c) => c.name === name) }
}

describe('pose and eye components from the mesh', () => {
  it('fails HeadPoseYaw alone for a head turned 20°, and reports about 20°', () => {
    const base = named(face, 'HeadPoseYaw').c?.raw ?? 0
    const { a, c } = named(rotateMesh(face, 'vertical', 20), 'HeadPoseYaw')
    expect(Math.abs((c?.raw ?? 0) - base)).toBeGreaterThan(15)
    expect(a.failing).toEqual(['HeadPoseYaw'])
  })

  it('fails HeadPosePitch alone for a head nodded 20°', () => {
    const { a, c } = named(rotateMesh(face, 'horizontal', 20), 'HeadPosePitch')
    expect(Math.abs(c?.raw ?? 0)).toBeGreaterThan(12)
    expect(a.failing).toEqual(['HeadPosePitch'])
  })

  it('keeps a 3° turn within the limits', () => {
    expect(assessPortrait(good, [rotateMesh(face, 'vertical', 3)]).failing).toEqual([])
  })

  it('fails EyesOpen alone when the lids close', () => {
    const { a, c } = named(closeEyes(face), 'EyesOpen')
    expect(c?.raw).toBeLessThan(0.02)
    expect(a.failing).toEqual(['EyesOpen'])
  })
})
