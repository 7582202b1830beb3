// @vitest-environment happy-dom
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sampleConsentRecord, sampleEnrollmentRecord } from '../review-test-support'
import type { ReviewDetail, ReviewSummary, SmsMessage } from './api'
import { startReviewPage } from './page'

const FILE_A = 'aaaaaaaa-0000-4000-8000-000000000001'
const FILE_B = 'bbbbbbbb-0000-4000-8000-000000000002'
const TOKEN = 'secret-token'

const summary = (fileId: string): ReviewSummary => ({
  fileId,
  terminalId: 'terminal-1',
  state: 'received',
  simulated: true,
  receivedAt: '2026-12-01T08:00:00.000Z',
  reviewedAt: null,
  reviewer: null,
  reason: null,
  source: 'upload',
  chipVerdict: 'untrusted',
})

const detailOf = (fileId: string): ReviewDetail => ({
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
const fullDetailOf = (fileId: string): ReviewDetail => {
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

/** A stand-in for the review API: a received queue, decisions recorded, a token checked. */
function fakeUpstream() {
  const calls: Call[] = []
  let received = [summary(FILE_A), summary(FILE_B)]
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
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
    if (
      url.pathname.startsWith('/review/api/') &&
      headers.get('authorization') !== `Bearer ${TOKEN}`
    )
      return json(
        { error: { code: 'unauthorized', message: 'missing or wrong review token' } },
        401,
      )
    return answer(method, url)
  })
  return { fetch, calls }
}

const html = readFileSync(join(import.meta.dirname, 'index.html'), 'utf8')
const $ = (selector: string) => document.querySelector<HTMLElement>(selector)
const text = (selector: string) => $(selector)?.textContent ?? ''
const click = (selector: string) => $(selector)?.click()

let upstream: ReturnType<typeof fakeUpstream>
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

function openWithToken(token = TOKEN) {
  history.replaceState(null, '', `/review/#token=${encodeURIComponent(token)}`)
  startReviewPage()
}

describe('review page behaviour', () => {
  it('takes the token from the address, lists the queue and signs every call', async () => {
    openWithToken()
    expect(window.location.hash).toBe('')
    expect(sessionStorage.getItem('review.token')).toBe(TOKEN)
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    expect($('#login')?.hidden).toBe(true)
    expect($('#main')?.hidden).toBe(false)
    expect(text('h1')).toBe('Duyệt hồ sơ định danh điện tử mức 2')
    expect(text('#list .verdict-untrusted')).toBe('chưa tin cậy')
    await vi.waitFor(() => expect(text('#stats')).toBe('Đã nhận 2 · duyệt 0 · từ chối 0 · trùng 0'))
    await vi.waitFor(() => expect($('#training')?.hidden).toBe(false))
    const apiCalls = upstream.calls.filter((c) => c.path.startsWith('/review/api/'))
    expect(apiCalls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true)
  })

  it('shows a file, refuses a rejection without a reason, then rejects with one', async () => {
    openWithToken()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    click('tr.row')
    await vi.waitFor(() => expect(text('#facts')).toContain('NGUYEN VAN AN'))
    expect(text('#facts')).toContain('No trusted CSCA')
    // The supervisor approval signed into the file.
    expect(text('#facts')).toContain('missing-finger · supervisor-3 · 2026-11-26T08:05:00.000Z')
    expect(text('#facts')).toContain('Nhóm dữ liệu: DG1 match')
    expect($('#actions')?.hidden).toBe(false)

    click('#reject')
    expect(text('#error')).toBe('Hãy nhập lý do (ít nhất 3 ký tự).')
    expect(upstream.calls.some((c) => c.method === 'POST')).toBe(false)

    const reason = document.querySelector('textarea')
    if (reason) reason.value = '  Ảnh mờ  '
    click('#reject')
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(1))
    expect(upstream.calls.filter((c) => c.method === 'POST')).toEqual([
      expect.objectContaining({
        path: `/review/api/files/${FILE_A}/reject`,
        body: { reason: 'Ảnh mờ' },
      }),
    ])
    expect($('#detail')?.hidden).toBe(true)
    expect($('#error')?.hidden).toBe(true)
  })

  it('switches to English, remembers it, and shows the outbox in English', async () => {
    openWithToken()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    expect(text('#lang')).toBe('English')
    click('#lang')
    expect(text('h1')).toBe('Level-2 electronic identification: file review')
    expect(document.documentElement.lang).toBe('en')
    expect(text('#lang')).toBe('Tiếng Việt')
    expect(localStorage.getItem('review.lang')).toBe('en')
    click('[data-tab="outbox"]')
    await vi.waitFor(() => expect(text('#list')).toContain('The file has been approved'))
    expect(text('#list')).not.toContain('Hồ sơ đã được phê duyệt')
    expect(text('#list')).toContain('Not delivered (expired)')
    expect($('[data-tab="outbox"]')?.getAttribute('aria-pressed')).toBe('true')
  })

  it('shows what the officer established at the desk, in Vietnamese and in English', async () => {
    openWithToken()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    click('tr.row')
    await vi.waitFor(() => expect(text('#desk')).toContain('Trần Thị Bình'))
    expect($('#desk')?.hidden).toBe(false)
    const identity = text('#desk-identity')
    expect(identity).toContain('Nguồn danh tínhgiấy tờ (không có thẻ gắn chip)')
    expect(identity).toContain('Mã hồ sơ cấp CCCDHS-2026-000123')
    expect(identity).toContain('Giới tínhnữ')
    // The field that differed from the chip stands out.
    expect(text('#desk-identity .badge.warning')).toBe('ngày sinh')
    const eligibility = text('#desk-eligibility')
    expect(eligibility).toContain('Nghị định 69/2024/NĐ-CP, Điều 7')
    expect(eligibility).toContain('Tuổi14 tuổi')
    expect(eligibility).toContain('Mức 1được cấp')
    expect(eligibility).toContain('Mức 2cấp theo đề nghị')
    expect(eligibility).toContain('Trần Văn Cường · 079080000111 · cha')
    const integration = text('#desk-integration')
    expect(integration).toContain('Thẻ bảo hiểm y tếHS4797912345678')
    expect(integration).toContain('Đăng ký xe59X1-234.56')
    expect(integration).toContain('Giấy phép lái xe—')
    const consent = text('#desk-consent')
    expect(consent).toContain('Phiên bản thông báo2026-11')
    expect(consent).toContain('account, integration')
    expect(consent).toContain('ab'.repeat(32))
    expect(consent).toContain('Ngôn ngữTiếng Việt')

    click('#lang')
    await vi.waitFor(() => expect(text('#desk')).toContain('Identity sourcepapers (no chip card)'))
    expect(text('#desk-identity .badge.warning')).toBe('date of birth')
    expect(text('#desk-eligibility')).toContain('Level 2on request')
    expect(text('#desk-eligibility')).toContain('Trần Văn Cường · 079080000111 · father')
    expect(text('#desk-consent')).toContain('LanguageVietnamese')
  })

  it('shows the fingers in finger order as images, a placeholder, a failure, and the photos', async () => {
    openWithToken()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    click('tr.row')
    await vi.waitFor(() => expect(document.querySelectorAll('#fingers figure')).toHaveLength(4))
    const captions = [...document.querySelectorAll('#fingers figcaption')].map((c) => c.textContent)
    expect(captions).toEqual(['Ngón cái phải', 'Ngón áp út phải', 'Ngón trỏ trái', 'Ngón út trái'])
    const images = [...document.querySelectorAll<HTMLImageElement>('#fingers img')]
    expect(images.map((img) => img.alt)).toEqual(['Ngón cái phải', 'Ngón trỏ trái'])
    expect(images.every((img) => img.src.startsWith('blob:'))).toBe(true)
    expect(text('#fingers .error')).toMatch(
      /^Không hiển thị được vân tay này \(JP2 hỏng \/ bad JP2\)\. Đối chiếu các ngón còn lại/,
    )
    expect(text('#fingers .badge')).toBe('giữ chỗ')
    // Each finger is asked for with the token; the placeholder is never asked for.
    const fingerCalls = upstream.calls.filter((c) => c.path.endsWith('/finger'))
    expect(fingerCalls).toHaveLength(3)
    expect(fingerCalls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true)
    await vi.waitFor(() => expect(document.querySelectorAll('#photos img')).toHaveLength(1))
    expect($('#photos')?.hidden).toBe(false)
    expect(text('#photos figcaption')).toBe('document/photo-1')
  })

  it('says so for an older file without the desk records, fingers or photos', async () => {
    openWithToken()
    await vi.waitFor(() => expect(document.querySelectorAll('tr.row')).toHaveLength(2))
    document.querySelectorAll<HTMLElement>('tr.row')[1]?.click()
    await vi.waitFor(() => expect(text('#facts')).toContain(FILE_B))
    await vi.waitFor(() => expect(text('#desk')).toContain('Hồ sơ không có bản ghi đăng ký'))
    expect($('#desk-identity')).toBeNull()
    expect(text('#desk-consent')).toContain('chỉ ghi nhận “đã đồng ý”')
    await vi.waitFor(() => expect(text('#fingers')).toContain('Hồ sơ không có bản ghi vân tay.'))
    expect($('#photos')?.hidden).toBe(true)
  })

  it('asks for the token again when it is wrong', async () => {
    openWithToken('wrong')
    await vi.waitFor(() => expect(text('#error')).toBe('Mã truy cập không đúng.'))
    expect($('#login')?.hidden).toBe(false)
    expect($('#main')?.hidden).toBe(true)
    expect(sessionStorage.getItem('review.token')).toBeNull()
  })
})
