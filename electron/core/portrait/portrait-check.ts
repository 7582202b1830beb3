import {
  assessPortrait,
  compareFaces,
  decodeImage,
  encodeToken,
  makeTokenImage,
  type FaceEngine,
  type FaceObservation,
  type PortraitAssessment,
  type RgbaFrame,
} from '../../../drivers/camera'
import {
  KioskError,
  type PortraitCheckInput,
  type PortraitCheckResult,
  type PortraitAssessment as ContractAssessment,
  type PortraitMatch,
  type PortraitSettings,
} from '../../contract'

/** What an accepted portrait leaves for the enrollment file. */
export interface AcceptedPortrait {
  /** The token as the officer saw it. */
  readonly tokenJpeg: Uint8Array
  /** The token as the file's face record stores it (PortraitSettings.tokenFormat). */
  readonly tokenImage: { readonly format: 'jpeg' | 'jpeg2000'; readonly bytes: Uint8Array }
  readonly token: { readonly width: number; readonly height: number }
  readonly tokenEyes: {
    readonly imageLeft: readonly [number, number]
    readonly imageRight: readonly [number, number]
  }
  readonly assessment: ContractAssessment
  readonly match: PortraitMatch
  readonly capture: 'auto' | 'manual'
  readonly presentationGate: PortraitCheckResult['presentationGate']
  readonly capturedAt: Date
}

export interface PortraitCheckDeps {
  readonly engine: () => Promise<FaceEngine>
  readonly settings: PortraitSettings
  readonly now: () => Date
}

export interface PortraitCheckRequest {
  readonly input: PortraitCheckInput
  /** The chip photo of this caller's last card read (JPEG or JPEG 2000), if any. */
  readonly chipFace: Uint8Array | null
  /** Whether this caller holds a supervisor's approval of a manual portrait. */
  readonly manualApproved: boolean
}

/**
 * The main process's re-check of the frame the officer (or auto-capture) chose: the same
 * analysis as the live preview, on the same pixels (the renderer sends them as PNG), then the
 * token image and the 1:1 comparison with the chip photo.
 */
export async function checkPortrait(
  deps: PortraitCheckDeps,
  request: PortraitCheckRequest,
): Promise<{ result: PortraitCheckResult; accepted: AcceptedPortrait | null }> {
  const { input } = request
  if (input.capture === 'manual' && !request.manualApproved) {
    throw new KioskError('E_APPROVAL_REQUIRED', 'manual portrait needs a supervisor approval', {
      key: 'messages.portrait.approvalRequired',
      params: { exception: 'manual-portrait' },
    })
  }
  const frame = await decodeFrame(Buffer.from(input.pngBase64, 'base64'))
  const engine = await deps.engine()
  const faces = await engine.observe(frame, 'full')
  const assessment = toContract(assessPortrait(frame, faces, { limits: deps.settings.limits }))
  const gate = presentationGate(deps.settings, assessment)
  const match = await matchChip(engine, faces[0], request.chipFace, deps.settings.matchThreshold)
  const usable = assessment.eyes !== null && (input.capture === 'manual' || assessment.acceptable)
  const accepted = usable && gate !== 'failed'
  if (!assessment.eyes || !accepted) {
    return {
      result: { accepted: false, assessment, token: null, match, presentationGate: gate },
      accepted: null,
    }
  }
  const token = makeTokenImage(frame, assessment.eyes)
  const tokenJpeg = await encodeToken(token, { format: 'jpeg' })
  const format = deps.settings.tokenFormat
  const stored = format === 'jpeg' ? tokenJpeg : await encodeToken(token, { format })
  const portrait: AcceptedPortrait = {
    tokenJpeg,
    tokenImage: { format, bytes: stored },
    token: { width: token.frame.width, height: token.frame.height },
    tokenEyes: token.eyes,
    assessment,
    match,
    capture: input.capture,
    presentationGate: gate,
    capturedAt: deps.now(),
  }
  return {
    result: {
      accepted: true,
      assessment,
      token: {
        jpegBase64: Buffer.from(tokenJpeg).toString('base64'),
        width: token.frame.width,
        height: token.frame.height,
      },
      match,
      presentationGate: gate,
    },
    accepted: portrait,
  }
}

async function decodeFrame(bytes: Uint8Array): Promise<RgbaFrame> {
  try {
    return await decodeImage(bytes)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new KioskError('E_PORTRAIT_IMAGE', `portrait frame not decodable: ${detail}`, {
      key: 'messages.portrait.imageUnreadable',
      params: { detail },
    })
  }
}

/** The drivers' read-only assessment as the contract's plain object. */
function toContract(a: PortraitAssessment): ContractAssessment {
  return {
    ...a,
    components: a.components.map((c) => ({ ...c, limit: { ...c.limit } })),
    failing: [...a.failing],
    eyes: a.eyes ? { imageLeft: [...a.eyes.imageLeft], imageRight: [...a.eyes.imageRight] } : null,
    presentation: { ...a.presentation },
  }
}

function presentationGate(
  settings: PortraitSettings,
  assessment: ContractAssessment,
): PortraitCheckResult['presentationGate'] {
  const gate = settings.presentationGate
  if (!gate.enabled) return 'off'
  const { real, live } = assessment.presentation
  return real !== null && live !== null && real >= gate.minReal && live >= gate.minLive
    ? 'passed'
    : 'failed'
}

/** The portrait's face against the chip photo's, with the verdicts for every way it can fail. */
async function matchChip(
  engine: FaceEngine,
  face: FaceObservation | undefined,
  chipFace: Uint8Array | null,
  threshold: number,
): Promise<PortraitMatch> {
  if (!chipFace) return { verdict: 'no-chip-photo', score: null, threshold }
  let chipFrame: RgbaFrame
  try {
    chipFrame = await decodeImage(chipFace)
  } catch {
    return { verdict: 'chip-photo-unreadable', score: null, threshold }
  }
  const chipFaces = await engine.observe(chipFrame, 'full')
  if (!chipFaces[0]) return { verdict: 'no-face-in-chip-photo', score: null, threshold }
  const compared = compareFaces(face, chipFaces[0], threshold)
  if (compared.verdict === 'no-face-a') return { verdict: 'mismatch', score: null, threshold }
  return {
    verdict: compared.verdict === 'match' ? 'match' : 'mismatch',
    score: compared.score,
    threshold,
  }
}
