import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiPaths, ErrorBodySchema, StatusFeedSchema } from '../../../protocol'
import {
  buildFile,
  registerTerminal,
  reviewerToken,
  sampleChipPki,
  signedInject,
  testTerminal,
  testUpstream,
  uploadFile,
  type TestTerminal,
} from '../test-support'
import { parse } from '../../../lib/schema'

const FILE_A = '33333333-3333-4333-8333-333333333333'
const FILE_B = '44444444-4444-4444-8444-444444444444'

let env: Awaited<ReturnType<typeof testUpstream>>
let terminal: TestTerminal
let session: string

beforeEach(async () => {
  // The sample files are simulated: approvable on a training upstream only.
  env = await testUpstream({ trust: [sampleChipPki().csca.certificateDer], training: true })
  session = await reviewerToken(env.upstream, 'reviewer')
  terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
  await uploadFile(env.upstream, terminal, buildFile(env.upstream, terminal, FILE_A))
  await uploadFile(env.upstream, terminal, buildFile(env.upstream, terminal, FILE_B))
})
afterEach(() => env.cleanup())

function review(method: 'GET' | 'POST', url: string, json?: unknown, token?: string) {
  return env.upstream.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token ?? session}`,
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(json !== undefined ? { payload: JSON.stringify(json) } : {}),
  })
}

async function feed() {
  const response = await signedInject(env.upstream, terminal, {
    method: 'GET',
    path: apiPaths.status(),
  })
  return parse(StatusFeedSchema, response.json()).items
}

describe('review API', () => {
  it('refuses calls without a reviewer session', async () => {
    const none = await env.upstream.app.inject({ method: 'GET', url: '/review/api/files' })
    expect(none.statusCode).toBe(401)
    expect(parse(ErrorBodySchema, none.json()).error.code).toBe('unauthorized')
    const wrong = await review('POST', `/review/api/files/${FILE_A}/approve`, {}, 'guess')
    expect(wrong.statusCode).toBe(401)
    expect((await env.upstream.stats()).approved).toBe(0)
  })

  it('lists received files and shows one decrypted, with the name read from the chip', async () => {
    const list = await review('GET', '/review/api/files?state=received')
    expect(list.statusCode).toBe(200)
    const files = list.json<{
      files: { fileId: string; simulated: boolean; chipVerdict: string }[]
    }>().files
    expect(files.map((f) => f.fileId).sort()).toEqual([FILE_A, FILE_B])
    expect(files.every((f) => f.simulated)).toBe(true)
    expect(files.map((f) => f.chipVerdict)).toEqual(['valid', 'valid'])
    const paged = await review('GET', `/review/api/files?state=received&limit=1`)
    const firstId = paged.json<{ files: { fileId: string }[] }>().files[0]!.fileId
    const rest = await review('GET', `/review/api/files?state=received&after=${firstId}`)
    expect(rest.json<{ files: { fileId: string }[] }>().files.map((f) => f.fileId)).toEqual(
      [FILE_A, FILE_B].filter((id) => id !== firstId),
    )

    const detail = await review('GET', `/review/api/files/${FILE_A}`)
    expect(detail.statusCode, detail.body).toBe(200)
    expect(detail.json()).toMatchObject({
      fileId: FILE_A,
      terminalId: 'terminal-1',
      state: 'received',
      stationId: 'station-1',
      officerId: 'officer-7',
      citizenName: 'NGUYEN VAN AN',
      phone: '0912345678',
      passiveAuthentication: {
        verdict: 'valid',
        reason: null,
        failedCheck: null,
        dataGroups: [{ number: 1, status: 'match' }],
        documentSigner: sampleChipPki().documentSigner.certificate.subject.text,
        csca: `${sampleChipPki().csca.certificate.subject.text} (csca-0.der)`,
      },
    })
    const portrait = await review('GET', `/review/api/files/${FILE_A}/part?name=portrait`)
    expect(portrait.headers['content-type']).toBe('image/jpeg')
    expect(portrait.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    const missing = await review('GET', `/review/api/files/${FILE_A}/part?name=nope`)
    expect(missing.statusCode).toBe(404)
  })

  it('approves: status approved at the kiosk, and an SMS with the published notice', async () => {
    const approved = await review('POST', `/review/api/files/${FILE_A}/approve`, {})
    expect(approved.statusCode, approved.body).toBe(200)
    const outbox = await review('GET', '/review/api/outbox')
    const messages = outbox.json<{ messages: Record<string, unknown>[] }>().messages
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({
      fileId: FILE_A,
      kind: 'approval',
      // Masked on the page; sealed in the database.
      phone: '091****678',
      status: 'pending',
      bodyEn:
        'The Department of Social Order and Safety announces: The electronic identification ' +
        'account registration file of citizen NGUYEN VAN AN has been approved. Please access the ' +
        'VNeID application or the address https://vneid.gov.vn to activate the account',
      sentAt: null,
    })
    expect(messages[0]!.bodyVi).toContain('công dân NGUYEN VAN AN đã được phê duyệt')
    expect((await feed()).filter((i) => i.fileId === FILE_A).map((i) => i.state)).toEqual([
      'received',
      'approved',
    ])
    const again = await review('POST', `/review/api/files/${FILE_A}/approve`, {})
    expect(again.statusCode).toBe(409)
    expect(parse(ErrorBodySchema, again.json()).error.code).toBe('not_reviewable')
    expect(await env.upstream.stats()).toMatchObject({ received: 2, approved: 1, rejected: 0 })
  })

  it('rejects only with a reason, which reaches the kiosk and the citizen by SMS', async () => {
    const noReason = await review('POST', `/review/api/files/${FILE_B}/reject`, { reason: ' ' })
    expect(noReason.statusCode).toBe(400)
    const rejected = await review('POST', `/review/api/files/${FILE_B}/reject`, {
      reason: 'Vân tay không rõ / Fingerprints unreadable',
    })
    expect(rejected.statusCode, rejected.body).toBe(200)
    expect(rejected.json()).toMatchObject({
      state: 'rejected',
      reviewer: 'reviewer-1',
      reviewerName: 'Người duyệt reviewer-1',
      reviewerRole: 'reviewer',
      reviewedAt: env.clock.now().toISOString(),
    })
    expect((await feed()).at(-1)).toMatchObject({
      fileId: FILE_B,
      state: 'rejected',
      reason: 'Vân tay không rõ / Fingerprints unreadable',
    })
    expect(await env.upstream.ctx.repos.smsOutbox.forFile(FILE_B)).toBeUndefined()
    expect(await env.upstream.ctx.repos.smsOutbox.forFile(FILE_B, 'rejection')).toMatchObject({
      phone: '091****678',
      bodyVi: expect.stringContaining(
        'chưa được phê duyệt. Lý do: Vân tay không rõ / Fingerprints unreadable. Vui lòng tạo lại hồ sơ',
      ),
      bodyEn: expect.stringContaining('Please recreate the application'),
    })
    const list = await review('GET', '/review/api/files?state=rejected')
    expect(list.json<{ files: { fileId: string }[] }>().files.map((f) => f.fileId)).toEqual([
      FILE_B,
    ])
    const stats = await review('GET', '/review/api/stats')
    expect(stats.json()).toEqual({ received: 2, approved: 0, rejected: 1, duplicates: 0 })
  })
})
