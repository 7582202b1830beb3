import {
  buildFaceRecord,
  MPEG4_EYE_CENTRE,
  type FaceRecordInput,
  type PoseAngles,
} from '../../../drivers/camera'
import {
  PORTRAIT_ASSESSMENT_FORMAT_VERSION,
  PORTRAIT_ASSESSMENT_PART,
  type PacketPartInput,
  type PortraitAssessmentPart,
} from '../../../protocol/packet'
import type { AcceptedPortrait } from './portrait-check'

/** The face engine behind every score in the assessment part (package.json pins it). */
export const PORTRAIT_ANALYSIS_SOFTWARE = 'human 3.3.6 wasm'

/**
 * The enrollment file's portrait parts: `portrait`, the ISO/IEC 19794-5:2011 token frontal record
 * of the accepted token (JPEG, or lossless JPEG 2000 where configured), and `portrait/assessment`, the JSON of how it was judged and matched.
 */
export function portraitParts(accepted: AcceptedPortrait): PacketPartInput[] {
  return [
    {
      name: 'portrait',
      kind: 'portrait',
      mediaType: 'application/x-iso19794-5',
      data: buildFaceRecord(faceRecordInput(accepted)),
      placeholder: false,
    },
    {
      name: PORTRAIT_ASSESSMENT_PART,
      kind: 'portrait',
      mediaType: 'application/json',
      data: Buffer.from(JSON.stringify(assessmentPart(accepted))),
      placeholder: false,
    },
  ]
}

/**
 * The record's one representation. No quality block: the scores are ours, not a registered
 * vendor's algorithm (vendor and algorithm ids would be made up); they are in the JSON part.
 */
export function faceRecordInput(accepted: AcceptedPortrait): FaceRecordInput {
  const { imageLeft, imageRight } = accepted.tokenEyes
  const neutral = component(accepted, 'ExpressionNeutrality')?.passed === true
  return {
    capturedAt: accepted.capturedAt,
    // A webcam: digital video, vendor and type not registered.
    captureDeviceTechnology: 'digital-video',
    deviceVendorId: 0,
    deviceTypeId: 0,
    quality: [],
    facial: {
      gender: 'unspecified',
      eyeColour: 'unspecified',
      hairColour: 'unspecified',
      subjectHeight: 0,
      properties: [],
      expression: neutral ? 'neutral' : 'unspecified',
      pose: poseOf(accepted),
      poseUncertainty: { yaw: null, pitch: null, roll: null },
    },
    landmarks: [
      // MPEG-4 12.2 is the subject's right eye, on the image left; 12.1 the subject's left.
      { type: 'mpeg4', code: MPEG4_EYE_CENTRE.subjectRight, ...point(imageLeft) },
      { type: 'mpeg4', code: MPEG4_EYE_CENTRE.subjectLeft, ...point(imageRight) },
    ],
    image: {
      faceImageType: 'token-frontal',
      dataType: accepted.tokenImage.format === 'jpeg' ? 'jpeg' : 'jpeg2000-lossless',
      width: accepted.token.width,
      height: accepted.token.height,
      // The token's head is ~2 inter-eye distances (0.5 W = 240 px) across: level 2 (recollected table).
      spatialSamplingRateLevel: 2,
      postAcquisitionProcessing: 0,
      crossReference: 0,
      colourSpace: 'rgb24',
    },
    imageData: accepted.tokenImage.bytes,
  }
}

export function assessmentPart(accepted: AcceptedPortrait): PortraitAssessmentPart {
  const { assessment, match } = accepted
  return {
    formatVersion: PORTRAIT_ASSESSMENT_FORMAT_VERSION,
    capture: accepted.capture,
    capturedAt: accepted.capturedAt.toISOString(),
    components: assessment.components.map((c) => ({
      name: c.name,
      qaa: c.qaa,
      measured: c.measured,
      raw: c.raw,
      scalar: c.scalar,
      passed: c.passed,
      gating: c.gating,
    })),
    acceptable: assessment.acceptable,
    faceCount: assessment.faceCount,
    match: { verdict: match.verdict, score: match.score, threshold: match.threshold },
    presentation: {
      real: unit(assessment.presentation.real),
      live: unit(assessment.presentation.live),
      gate: accepted.presentationGate,
    },
    software: { analysis: PORTRAIT_ANALYSIS_SOFTWARE },
  }
}

function component(accepted: AcceptedPortrait, name: string) {
  return accepted.assessment.components.find((c) => c.name === name)
}

/** Head pose from the assessment's raw degrees, null where the component was not measured. */
function poseOf(accepted: AcceptedPortrait): PoseAngles {
  const degrees = (name: string): number | null => {
    const raw = component(accepted, name)?.raw
    return raw === null || raw === undefined ? null : Math.max(-180, Math.min(180, raw))
  }
  // The token image is levelled on the eye line, so the record's image has no roll left.
  return { yaw: degrees('HeadPoseYaw'), pitch: degrees('HeadPosePitch'), roll: 0 }
}

function point(p: readonly [number, number]): { x: number; y: number; z: number } {
  return { x: Math.max(0, Math.round(p[0])), y: Math.max(0, Math.round(p[1])), z: 0 }
}

function unit(value: number | null): number | null {
  return value === null ? null : Math.max(0, Math.min(1, value))
}
