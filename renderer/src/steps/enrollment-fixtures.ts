// Contract values for the enrollment steps' component tests; never bundled.
import type {
  EligibilityView,
  EnrollmentView,
  IdentityView,
  KioskClient,
} from '../../../electron/contract'
import { fakeKiosk, type RequestHandler } from '../test-support'
import type { EnrollmentApi } from './shared/use-enrollment'

export const ok = (value: unknown) => ({ ok: true, value })
export const refused = (code: string, messageKey?: string, params?: Record<string, unknown>) => ({
  ok: false,
  error: {
    code,
    message: `refused: ${code}`,
    ...(messageKey ? { messageKey } : {}),
    ...(params ? { params } : {}),
  },
})

/** A tiny JPEG-looking data URL: enough for an <img>, recognisable in the DOM. */
export const CHIP_FACE = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ=='
export const CITIZEN_NAME = 'NGUYỄN VĂN AN'
export const CITIZEN_ID = '001203004567'

export function chipIdentity(fields: Partial<IdentityView> = {}): IdentityView {
  return {
    source: 'chip',
    person: {
      fullName: CITIZEN_NAME,
      idNumber: CITIZEN_ID,
      dateOfBirth: '2003-04-05',
      sex: 'M',
      nationality: 'vn',
      placeOfResidence: 'Phường Hàng Bạc, Hoàn Kiếm, Hà Nội',
    },
    document: 'cccd',
    chip: { access: 'PACE', passiveAuth: 'valid', chipAuth: 'passed', activeAuth: 'not-supported' },
    chipFaceDataUrl: CHIP_FACE,
    mismatches: [],
    cccdApplicationRef: null,
    residenceCard: null,
    ...fields,
  }
}

export function eligibilityView(fields: Partial<EligibilityView> = {}): EligibilityView {
  return {
    level1: 'granted',
    level2: 'granted',
    guardianRequired: false,
    age: 23,
    ageApproximate: false,
    reason: { key: 'rules.eligibility.citizen-14-plus', params: { age: 23 } },
    guardian: null,
    on: '2026-12-03',
    ...fields,
  }
}

export function enrollmentView(fields: Partial<EnrollmentView> = {}): EnrollmentView {
  return {
    enrollmentId: '6f1c2a4e-8b1d-4c3e-9f00-1a2b3c4d5e6f',
    step: 'identify',
    phase: 'active',
    startedAt: '2026-12-03T02:00:00.000Z',
    recreates: null,
    returnToReview: false,
    identity: null,
    eligibility: null,
    contact: null,
    documents: null,
    portrait: null,
    fingerprints: null,
    exceptions: [],
    consent: null,
    receipt: null,
    refusal: null,
    ...fields,
  }
}

/** Every part filled in, at the review. */
export function reviewView(fields: Partial<EnrollmentView> = {}): EnrollmentView {
  return enrollmentView({
    step: 'review',
    identity: chipIdentity(),
    eligibility: eligibilityView(),
    contact: { phone: '+84912345678', network: 'vinaphone', email: null },
    documents: {
      healthInsurance: null,
      drivingLicence: null,
      vehicleRegistrations: [],
      photos: [],
    },
    portrait: {
      tokenDataUrl: 'data:image/jpeg;base64,/9j/2wBDAA==',
      capture: 'auto',
      match: { verdict: 'match', score: 0.82, threshold: 0.5 },
    },
    fingerprints: { captured: 10, missing: [] },
    ...fields,
  })
}

/**
 * A fake kiosk whose `enrollment.intent` answers with `onIntent` (default: refuse with a wrong
 * step), and the other enrollment channels as given.
 */
export function enrollmentKiosk(handlers: Partial<Record<string, RequestHandler>> = {}) {
  return fakeKiosk({
    'enrollment.intent': () => refused('E_ENROLLMENT_STEP', 'enrollment.wrongStep', { step: 'x' }),
    'enrollment.cancel': () => ok({ cancelled: true }),
    'enrollment.finish': () => ok({ finished: true }),
    'settings.setLanguage': (payload) => ok(payload),
    ...handlers,
  })
}

/** The intents the client sent, in order. */
export function intentsOf(calls: { channel: string; payload: unknown }[]): unknown[] {
  return calls.filter((c) => c.channel === 'enrollment.intent').map((c) => c.payload)
}

export type { EnrollmentApi, KioskClient }

/** A chip read as `card.read` answers it (the contract checks the shape); the core keeps it. */
export function cardReadResult() {
  const passed = { status: 'passed' }
  return {
    reader: 'Virtual CCCD reader',
    access: 'PACE',
    mrz: null,
    passiveAuth: {
      verdict: 'valid',
      checks: {
        sodParsed: passed,
        signedAttributes: passed,
        signature: passed,
        certificateChain: passed,
        dataGroupHashes: [],
      },
    },
    chipAuth: { verdict: 'passed' },
    activeAuth: { verdict: 'not-supported' },
    face: null,
    faceDataUrl: null,
    files: [],
    problems: [],
    apdus: 40,
    bytesSent: 1000,
    bytesReceived: 20000,
    elapsedMs: 900,
  }
}
