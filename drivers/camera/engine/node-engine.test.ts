import { afterEach, describe, expect, it, vi } from 'vitest'
import * as still from '../test-support'
import { FACE_MODEL_FILES } from './human-config'
import { createNodeFaceEngine, nodeModelLocations } from './node-engine'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

afterEach(() => vi.unstubAllGlobals())

describe('the face engine under Node', () => {
  it('loads every model from the package folder without touching the network', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('network refused in this test')))
    vi.stubGlobal('fetch', fetch)
    const { modelDir } = nodeModelLocations()
    for (const file of FACE_MODEL_FILES) expect(existsSync(join(modelDir, file)), file).toBe(true)
    const engine = await createNodeFaceEngine()
    const faces = await engine.observe(still.cameraFrame(), 'full')
    expect(faces).toHaveLength(1)
    expect(faces[0]?.embedding).toHaveLength(1024)
    expect(fetch).not.toHaveBeenCalled()
  }, 30_000)

  it('leaves out the descriptor and the presentation-attack scores in live mode', async () => {
    const engine = await createNodeFaceEngine()
    await engine.observe(still.cameraFrame(), 'full')
    const [face] = await engine.observe(still.cameraFrame(), 'live')
    expect(face?.mesh).toHaveLength(478)
    expect(face?.embedding).toBeUndefined()
    expect(face?.real).toBeUndefined()
  }, 30_000)

  it('refuses a frame whose bytes do not match its size', async () => {
    const engine = await createNodeFaceEngine()
    await expect(
      engine.observe({ width: 640, height: 480, data: new Uint8Array(100) }, 'live'),
    ).rejects.toMatchObject({ code: 'E_PORTRAIT_FRAME_SIZE' })
  }, 30_000)
})
