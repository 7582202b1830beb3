// The review page's component tests share this stand-in for the review API (happy-dom).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, vi } from 'vitest'
import { sampleConsentRecord, sampleEnrollmentRecord } from '../review-test-support'
import type { ReviewDetail, ReviewSummary, SmsMessage } from './api'
import { startReviewPage } from './page'

export const FILE_A = 'aaaaaaaa-0000-4000-8000-000000000001'
export const FILE_B = 'bbbbbbbb-0000-4000-8000-000000000002'
export const TOKEN = 'session-token'
export const PASSWORD = 'Hoa sen trong đầm 2026'
export const TRAINING_TOKEN = 'training-token'
export const LOCKED_UNTIL = '2026-12-01T09:15:00.000Z'
export const reviewerHoa = { id: 'hoa', name: 'Lê Thị Hoa', role: 'senior' as const }
export const trainer = { id: 'trainer', name: 'Trainer', role: 'senior' as const }

export const summary = (fileId: string): ReviewSummary => ({
  fileId,
  terminalId: 'terminal-1',
  state: 'received',
  simulated: true,
  receivedAt: '2026-12-01T08:00:00.000Z',
  reviewedAt: null,
  reviewer: null,
  reviewerName: null,
  reviewerRole: null,
  reason: null,
  source: 'upload',
  chipVerdict: 'untrusted',
})

export const detailOf = (fileId: string): ReviewDetail => ({
  ...summary(fileId),
  stationId: 'station-1',
  officerId: 'officer-7',
  supervisorId: null,
  approvals: [
    {
      approvalId: 'ap-1',
      supervisorId: 'supervisor-3',
      exception: 'missing-finger' as const,
      reason: 'Ngón trỏ trái bị thương',
      at: '2026-11-26T08:05:00.000Z',
    },
  ],
  startedAt: '2026-12-01T07:50:00.000Z',
  submittedAt: '2026-12-01T07:59:00.000Z',
  software: 'kiosk 0.1.0',
  citizenName: 'NGUYEN VAN AN',
  phone: '0912345678',
  parts: [
    {
      name: 'chip/DG1',
      kind: 'chip.dg',
      mediaType: 'application/octet-stream',
      size: 95,
      sha256: '0'.repeat(64),
      placeholder: false,
    },
  ],
  passiveAuthentication: {
    verdict: 'untrusted',
    reason: 'No trusted CSCA',
    failedCheck: 'cscaTrusted',
    dataGroups: [{ number: 1, status: 'match' }],
    documentSigner: 'CN=DS VN TEST',
    csca: null,
    checkedAt: null,
  },
  enrollment: null,
  consent: null,
})

const part = (name: string, kind: 'finger' | 'document', placeholder = false) => ({
  name,
  kind,
  mediaType: kind === 'finger' ? 'application/x-iso19794-4' : 'image/jpeg',
  size: 1000,
  sha256: '1'.repeat(64),
  placeholder,
})

/** FILE_A as the kiosk files it now: the desk's records, fingers and a document photo. */
export const fullDetailOf = (fileId: string): ReviewDetail => {
  const base = detailOf(fileId)
  return {
    ...base,
    parts: [
      ...base.parts,
      part('finger/left-index', 'finger'),
      part('finger/right-thumb', 'finger'),
      part('finger/left-little', 'finger', true),
      part('finger/right-ring', 'finger'),
      part('document/photo-1', 'document'),
    ],
    enrollment: sampleEnrollmentRecord(['document/photo-1']),
    consent: sampleConsentRecord(),
  }
}

const sms: SmsMessage = {
  id: 1,
  fileId: FILE_A,
  kind: 'approval',
  phone: '091****678',
  bodyVi: 'Hồ sơ đã được phê duyệt',
  bodyEn: 'The file has been approved',
  createdAt: '2026-12-01T09:00:00.000Z',
  status: 'undelivered',
  attempts: 1,
  lastError: 'expired',
  sentAt: '2026-12-01T09:00:01.000Z',
  finishedAt: '2026-12-02T09:00:00.000Z',
}

interface Call {
  method: string
  path: string
  authorization: string | undefined
  body: unknown
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const refusal = (status: number, code: string, params?: Record<string, string | number>) =>
  json({ error: { code, message: `${code} (server)`, ...(params ? { params } : {}) } }, status)
const sessionFor = (reviewer: typeof reviewerHoa) =>
  json({ token: TOKEN, reviewer, expiresAt: '2026-12-01T20:00:00.000Z', idleMinutes: 30 })

/** The sign-in endpoints: hoa's password, a locked and a disabled account, the training token. */
function signInAnswer(path: string, body: unknown, wrongSoFar: number): Response | null {
  if (path === '/review/api/session/training') {
    const ok = (body as { trainingToken?: string }).trainingToken === TRAINING_TOKEN
    return ok ? sessionFor(trainer) : refusal(401, 'unauthorized')
  }
  if (path !== '/review/api/session') return null
  const { username, password } = body as { username: string; password: string }
  if (username === 'locked') return refusal(423, 'reviewer_locked', { lockedUntil: LOCKED_UNTIL })
  if (username === 'disabled') return refusal(403, 'reviewer_disabled')
  if (username === 'flood') return refusal(429, 'too_many_sign_ins', { retryAfterSeconds: 570 })
  if (username === 'hoa' && password === PASSWORD) return sessionFor(reviewerHoa)
  return refusal(401, 'sign_in_failed', { triesLeft: 4 - wrongSoFar })
}

/** A stand-in for the review API: a received queue, decisions recorded, a session checked. */
export function fakeUpstream() {
  const calls: Call[] = []
  const control = { expired: false, wrongPasswords: 0 }
  let received = [summary(FILE_A), summary(FILE_B)]
  const answer = (method: string, url: URL): Response => {
    const path = url.pathname
    if (path === '/v1/upstream') return json({ training: true })
    if (path === '/review/api/stats')
      return json({ received: 2, approved: 2 - received.length, rejected: 0, duplicates: 0 })
    if (path === '/review/api/outbox') return json({ messages: [sms] })
    if (path === '/review/api/files')
      return json({ files: url.searchParams.get('state') === 'received' ? received : [] })
    const decision = /^\/review\/api\/files\/([\w-]+)\/(approve|reject)$/.exec(path)
    if (method === 'POST' && decision) {
      received = received.filter((f) => f.fileId !== decision[1])
      return json({})
    }
    if (/\/finger$/.test(path)) {
      // right-ring stands for a record the server cannot decode.
      if (url.searchParams.get('name') === 'finger/right-ring')
        return json({ error: { code: 'invalid_file', message: 'JP2 hỏng / bad JP2' } }, 422)
      return new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), {
        headers: { 'content-type': 'image/png' },
      })
    }
    if (/\/part$/.test(path))
      return new Response(new Uint8Array([0xff, 0xd8, 0xff]), {
        headers: { 'content-type': 'image/jpeg' },
      })
    const detail = /^\/review\/api\/files\/([\w-]+)$/.exec(path)
    if (detail?.[1]) return json((detail[1] === FILE_A ? fullDetailOf : detailOf)(detail[1]))
    return json({ error: { code: 'not_found', message: path } }, 404)
  }
  const fetch = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://upstream.test')
    const headers = new Headers(init.headers)
    const method = init.method ?? 'GET'
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({
      method,
      path: url.pathname,
      authorization: headers.get('authorization') ?? undefined,
      body,
    })
    if (method === 'POST') {
      const signIn = signInAnswer(url.pathname, body, control.wrongPasswords)
      if (signIn?.status === 401) control.wrongPasswords += 1
      if (signIn) return signIn
    }
    if (url.pathname.startsWith('/review/api/')) {
      if (headers.get('authorization') !== `Bearer ${TOKEN}`) return refusal(401, 'unauthorized')
      if (control.expired) return refusal(401, 'session_expired')
      if (method === 'DELETE') return new Response(null, { status: 204 })
    }
    return answer(method, url)
  })
  return { fetch, calls, control }
}

const html = readFileSync(join(import.meta.dirname, 'index.html'), 'utf8')
export const $ = (selector: string) => document.querySelector<HTMLElement>(selector)
export const text = (selector: string) => $(selector)?.textContent ?? ''
export const click = (selector: string) => $(selector)?.click()

export type FakeUpstream = ReturnType<typeof fakeUpstream>

/** A fresh stand-in and page markup before each test; `current()` is this test's stand-in. */
export function useFakeUpstream(): { current(): FakeUpstream } {
  let upstream: FakeUpstream | undefined
  beforeEach(() => {
    upstream = fakeUpstream()
    vi.stubGlobal('fetch', upstream.fetch)
    document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? ''
    localStorage.clear()
    sessionStorage.clear()
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })
  return {
    current() {
      if (!upstream) throw new Error('useFakeUpstream: no test is running')
      return upstream
    },
  }
}

export function typeAndSubmit(username: string, password: string) {
  const field = (id: string) => document.getElementById(id) as HTMLInputElement
  field('username').value = username
  field('password').value = password
  ;(document.getElementById('login-form') as HTMLFormElement).requestSubmit()
}

/** Opens the page and signs in as hoa through the form. */
export async function openSignedIn() {
  history.replaceState(null, '', '/review/')
  startReviewPage()
  expect($('#login')?.hidden).toBe(false)
  typeAndSubmit('hoa', PASSWORD)
  await vi.waitFor(() => expect($('#main')?.hidden).toBe(false))
}

export const key = (name: string) =>
  document.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }))
