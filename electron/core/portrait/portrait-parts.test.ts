import { describe, expect, it } from 'vitest'
import {
  decodeImage,
  MPEG4_EYE_CENTRE,
  readFaceRecord,
  type FaceEngine,
} from '../../../drivers/camera'
import { createNodeFaceEngine, encodePng } from '../../../drivers/camera'
import { readStill } from '../../../drivers/camera/test-support'
import { parse } from '../../../lib/schema'
import { PortraitAssessmentPartSchema } from '../../../protocol/packet'
import { portraitComponentNames } from '../../contract'
import { cameraFrame } from '../queue/sim-portrait'
import { checkPortrait } from './portrait-check'
import { portraitParts } from './portrait-parts'
import { DEFAULT_PORTRAIT_SETTINGS } from './portrait-settings'

const capturedAt = new Date('2026-12-02T09:30:00.000Z')
let engine: Promise<FaceEngine> | null = null

async function accepted(settings = DEFAULT_PORTRAIT_SETTINGS) {
  const png = await encodePng(cameraFrame(readStill('training-citizen.jpg')))
  const { accepted } = await checkPortrait(
    {
      engine: () => (engine ??= createNodeFaceEngine()),
      settings,
      now: () => capturedAt,
    },
    {
      input: { pngBase64: Buffer.from(png).toString('base64'), capture: 'auto' },
      chipFace: null,
      manualApproved: false,
    },
  )
  if (!accepted) throw new Error('the training still was refused')
  return accepted
}

describe('portraitParts', () => {
  it('writes a 19794-5 token record whose JPEG decodes to the token, and a valid assessment', async () => {
    const portrait = await accepted()
    const [record, json] = portraitParts(portrait)
    expect(record).toMatchObject({ name: 'portrait', mediaType: 'application/x-iso19794-5' })
    const face = readFaceRecord(record?.data ?? new Uint8Array())
    const rep = face.representations[0]
    expect(rep?.image).toMatchObject({ faceImageType: 'token-frontal', dataType: 'jpeg' })
    expect(rep?.captureDeviceTechnology).toBe('digital-video')
    expect(rep?.capturedAt.toISOString()).toBe(capturedAt.toISOString())
    const image = await decodeImage(rep?.imageData ?? new Uint8Array())
    expect([image.width, image.height]).toEqual([portrait.token.width, portrait.token.height])
    const right = rep?.landmarks.find((l) => l.code === MPEG4_EYE_CENTRE.subjectRight)
    const left = rep?.landmarks.find((l) => l.code === MPEG4_EYE_CENTRE.subjectLeft)
    expect(right?.x).toBe(Math.round(portrait.tokenEyes.imageLeft[0]))
    expect(left?.x).toBe(Math.round(portrait.tokenEyes.imageRight[0]))

    expect(json).toMatchObject({ name: 'portrait/assessment', mediaType: 'application/json' })
    const assessment = parse(
      PortraitAssessmentPartSchema,
      JSON.parse(Buffer.from(json?.data ?? new Uint8Array()).toString('utf8')),
    )
    expect(assessment.match.verdict).toBe('no-chip-photo')
    expect(assessment.acceptable).toBe(true)
    expect(assessment.presentation.gate).toBe('off')
    for (const c of assessment.components) expect(portraitComponentNames).toContain(c.name)
  }, 60_000)

  it('stores the token as lossless JPEG 2000 where the station is configured so', async () => {
    const portrait = await accepted({ ...DEFAULT_PORTRAIT_SETTINGS, tokenFormat: 'jpeg2000' })
    const [record] = portraitParts(portrait)
    const rep = readFaceRecord(record?.data ?? new Uint8Array()).representations[0]
    expect(rep?.image.dataType).toBe('jpeg2000-lossless')
    expect(rep?.facial.pose.roll).toBe(0)
    const image = await decodeImage(rep?.imageData ?? new Uint8Array())
    expect([image.width, image.height]).toEqual([portrait.token.width, portrait.token.height])
    // The officer's preview stays JPEG.
    expect([...portrait.tokenJpeg.subarray(0, 2)]).toEqual([0xff, 0xd8])
  }, 60_000)
})
