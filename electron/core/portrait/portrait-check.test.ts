import { beforeAll, describe, expect, it } from 'vitest'
import {
  assessPortrait,
  createNodeFaceEngine,
  decodeImage,
  encodeJpeg,
  encodePng,
  type FaceEngine,
  type RgbaFrame,
} from '../../../drivers/camera'
import * as still from '../../../drivers/camera/test-support'
import { KioskError } from '../../contract'
import { checkPortrait, type PortraitCheckRequest } from './portrait-check'
import { DEFAULT_PORTRAIT_SETTINGS } from './portrait-settings'

// The main-process re-check on real face models and the public-domain portraits of
// resources/camera/. The "chip photo" here is the same source photo as the camera frame, so a
// match proves the plumbing, not the matcher's accuracy (the bench reports the distributions).
let engine: FaceEngine
let good: RgbaFrame
const NOW = new Date('2026-12-02T10:00:00Z')

beforeAll(async () => {
  engine = await createNodeFaceEngine()
  good = still.scaled(still.readStill('training-citizen.jpg'), 1.25)
}, 30_000)

function deps(settings = DEFAULT_PORTRAIT_SETTINGS) {
  return { engine: () => Promise.resolve(engine), settings, now: () => NOW }
}

function request(
  frame: RgbaFrame,
  overrides: Partial<PortraitCheckRequest> = {},
): PortraitCheckRequest {
  return {
    input: { pngBase64: Buffer.from(encodePng(frame)).toString('base64'), capture: 'auto' },
    chipFace: null,
    manualApproved: false,
    ...overrides,
  }
}

describe('portrait re-check', () => {
  it('accepts a good frame, with a token image whose eyes sit where ISO/IEC 19794-5 puts them', async () => {
    const { result, accepted } = await checkPortrait(deps(), request(good))
    expect(result.accepted).toBe(true)
    expect(result.match.verdict).toBe('no-chip-photo')
    expect(result.token).toMatchObject({ width: 480, height: 640 })
    expect(accepted?.capturedAt).toEqual(NOW)
    // Eyes found again by the models on the output: midpoint (W/2, 0.6 W), distance 0.25 W.
    const token = await decodeImage(Buffer.from(result.token?.jpegBase64 ?? '', 'base64'))
    const [face] = await engine.observe(token, 'full')
    const eyes = assessPortrait(token, face ? [face] : []).eyes
    expect(eyes).not.toBeNull()
    const [lx, ly] = eyes?.imageLeft ?? [0, 0]
    const [rx, ry] = eyes?.imageRight ?? [0, 0]
    expect((lx + rx) / 2).toBeCloseTo(240, -1)
    expect((ly + ry) / 2).toBeCloseTo(288, -1)
    expect(Math.abs(rx - lx - 120)).toBeLessThan(6)
  })

  it('matches the chip photo of the same person and not of another', async () => {
    const same = readJpeg('training-citizen.jpg')
    const other = encodeJpeg(still.readStill('second-person.png'), 90)
    const matched = await checkPortrait(deps(), request(good, { chipFace: same }))
    expect(matched.result.match.verdict).toBe('match')
    expect(matched.result.match.score).toBeGreaterThan(0.5)
    const mismatched = await checkPortrait(deps(), request(good, { chipFace: other }))
    expect(mismatched.result.match.verdict).toBe('mismatch')
    expect(mismatched.result.match.score).toBeLessThan(0.5)
    // A mismatch does not refuse the portrait: the officer asks a supervisor ('portrait-mismatch').
    expect(mismatched.result.accepted).toBe(true)
  })

  it('says so when the chip photo is corrupt or has no face', async () => {
    const corrupt = readJpeg('training-citizen.jpg').slice(0, 400)
    expect(
      (await checkPortrait(deps(), request(good, { chipFace: corrupt }))).result.match.verdict,
    ).toBe('chip-photo-unreadable')
    const faceless = encodeJpeg(still.blankFrame(240, 320, [150, 160, 170]), 90)
    expect(
      (await checkPortrait(deps(), request(good, { chipFace: faceless }))).result.match.verdict,
    ).toBe('no-face-in-chip-photo')
  })

  it('refuses a frame without a face, and makes no token', async () => {
    const { result, accepted } = await checkPortrait(
      deps(),
      request(still.blankFrame(640, 480, [200, 200, 200])),
    )
    expect(result.accepted).toBe(false)
    expect(result.token).toBeNull()
    expect(result.assessment.failing).toEqual(['SingleFacePresent'])
    expect(accepted).toBeNull()
  })

  it('takes a manual capture of a failing frame only with a supervisor approval', async () => {
    const blurred = still.blurred(good, 4)
    const manual = (approved: boolean) =>
      request(blurred, {
        input: { ...request(blurred).input, capture: 'manual' },
        manualApproved: approved,
      })
    await expect(checkPortrait(deps(), manual(false))).rejects.toMatchObject({
      code: 'E_APPROVAL_REQUIRED',
    })
    const { result, accepted } = await checkPortrait(deps(), manual(true))
    expect(result.assessment.failing).toContain('Sharpness')
    expect(result.accepted).toBe(true)
    expect(accepted?.capture).toBe('manual')
  })

  it('refuses the portrait when the presentation-attack gate is on and the scores are low', async () => {
    const strict = {
      ...DEFAULT_PORTRAIT_SETTINGS,
      presentationGate: { enabled: true, minReal: 1, minLive: 1 },
    }
    const { result } = await checkPortrait(deps(strict), request(good))
    expect(result.presentationGate).toBe('failed')
    expect(result.accepted).toBe(false)
    expect(result.assessment.presentation.real).not.toBeNull()
  })

  it('answers a frame that is not a PNG with E_PORTRAIT_IMAGE', async () => {
    const bad = {
      ...request(good),
      input: {
        pngBase64: Buffer.from('not a png at all').toString('base64'),
        capture: 'auto' as const,
      },
    }
    const error = await checkPortrait(deps(), bad).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KioskError)
    expect(error).toMatchObject({ code: 'E_PORTRAIT_IMAGE' })
  })
})

function readJpeg(name: 'training-citizen.jpg'): Uint8Array {
  return encodeJpeg(still.readStill(name), 92)
}
