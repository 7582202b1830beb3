import { describe, expect, it } from 'vitest'
import { buildFaceRecord } from '../../../drivers/camera'
import { sampleFaceInput } from '../../../drivers/camera/record/test-support'
import { trainingFaceJpeg } from '../../../drivers/smartcard'
import { buildDg2 } from '../../../drivers/smartcard/icao9303/lds/dg2'
import { safeParse } from '../../../lib/schema'
import type { PortraitAssessmentPart } from '../../../protocol/packet'
import { ReviewPortraitSchema, reviewPortrait, type ReviewPart } from './review-portrait'

const face = trainingFaceJpeg(20_000)
if (!face) throw new Error('no training face')
const record = buildFaceRecord(
  sampleFaceInput({
    imageData: face.jpeg,
    image: { ...sampleFaceInput().image, width: 240, height: 320 },
  }),
)
const dg2 = buildDg2({ image: face.jpeg, width: face.width, height: face.height })
const assessment: PortraitAssessmentPart = {
  formatVersion: 1,
  capture: 'auto',
  capturedAt: '2026-12-02T09:30:00.000Z',
  components: [
    { name: 'Sharpness', qaa: 302, measured: true, raw: 4, scalar: 80, passed: true, gating: true },
  ],
  acceptable: true,
  faceCount: 1,
  match: { verdict: 'match', score: 0.99, threshold: 0.5 },
  presentation: { real: 0.9, live: 0.8, gate: 'off' },
  software: { analysis: 'human 3.3.6 wasm' },
}
const part = (data: Uint8Array, placeholder = false): ReviewPart => ({
  mediaType: 'application/octet-stream',
  data,
  placeholder,
})

describe('the review portrait view', () => {
  it('gives both faces as images and the assessment', async () => {
    const parts = new Map<string, ReviewPart>([
      ['portrait', part(record)],
      ['chip/DG2', part(dg2)],
      ['portrait/assessment', part(Buffer.from(JSON.stringify(assessment)))],
    ])
    const view = await reviewPortrait((name) => parts.get(name))
    expect(safeParse(ReviewPortraitSchema, view).success).toBe(true)
    expect(view.kiosk).toMatchObject({ ok: true, mediaType: 'image/jpeg' })
    expect(view.chip).toMatchObject({ ok: true, mediaType: 'image/jpeg' })
    expect(view.assessment?.match.score).toBe(0.99)
  })

  it('gives bilingual notes for a corrupt portrait, a corrupt DG2 and no assessment', async () => {
    const broken = record.slice(0, record.length - 500)
    const badDg2 = dg2.slice()
    badDg2.fill(0, badDg2.length - 4000)
    const parts = new Map([
      ['portrait', part(broken)],
      ['chip/DG2', part(badDg2)],
    ])
    const view = await reviewPortrait((name) => parts.get(name))
    expect(view.kiosk).toMatchObject({ ok: false, problem: 'corrupt' })
    expect(view.chip).toMatchObject({ ok: false, problem: 'corrupt' })
    expect(view.kiosk.ok ? '' : view.kiosk.note).toMatch(/ki-ốt.* \/ .*kiosk/)
    expect(view.assessment).toBeNull()
    expect(view.assessmentNote).toContain(' / ')
  })

  it('says so when the portrait is a placeholder and DG2 is missing', async () => {
    const view = await reviewPortrait((name) =>
      name === 'portrait' ? part(new Uint8Array(10), true) : undefined,
    )
    expect(view.kiosk).toMatchObject({ ok: false, problem: 'placeholder' })
    expect(view.chip).toMatchObject({ ok: false, problem: 'missing' })
  })
})
