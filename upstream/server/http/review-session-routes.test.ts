import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ErrorBodySchema } from '../../../protocol'
import { parse } from '../../../lib/schema'
import {
  buildFile,
  registerTerminal,
  reviewerToken,
  sampleChipPki,
  testTerminal,
  testUpstream,
  uploadFile,
} from '../test-support'

const FILE_A = '77777777-7777-4777-8777-777777777777'
const PASSWORD = 'Hoa sen trong đầm 2026'
const envs: Awaited<ReturnType<typeof testUpstream>>[] = []
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup()
})

async function upstreamWith(options: Parameters<typeof testUpstream>[0] = {}) {
  const env = await testUpstream(options)
  envs.push(env)
  return env
}

type Env = Awaited<ReturnType<typeof upstreamWith>>

const post = (env: Env, url: string, json: unknown, token?: string) =>
  env.upstream.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    payload: JSON.stringify(json),
  })

const errorOf = (answer: { json(): unknown }) => parse(ErrorBodySchema, answer.json()).error

describe('review sign-in over HTTP', () => {
  it('signs in, tells the page whom, counts wrong passwords down, locks, and signs out', async () => {
    const env = await upstreamWith()
    await env.upstream.reviewers.add({
      id: 'hoa',
      name: 'Lê Thị Hoa',
      role: 'senior',
      password: PASSWORD,
    })
    const wrong = await post(env, '/review/api/session', { username: 'hoa', password: 'nope' })
    expect(wrong.statusCode).toBe(401)
    expect(errorOf(wrong)).toMatchObject({ code: 'sign_in_failed', params: { triesLeft: 4 } })
    expect(errorOf(wrong).message).toContain('Sai tên đăng nhập hoặc mật khẩu / Wrong username')
    for (let i = 0; i < 3; i++)
      await post(env, '/review/api/session', { username: 'hoa', password: 'x' })
    const locked = await post(env, '/review/api/session', { username: 'hoa', password: 'x' })
    expect(locked.statusCode).toBe(423)
    expect(errorOf(locked)).toMatchObject({
      code: 'reviewer_locked',
      params: { lockedUntil: '2026-11-26T08:15:00.000Z' },
    })
    env.clock.advance(15 * 60_000)
    const signedIn = await post(env, '/review/api/session', { username: 'hoa', password: PASSWORD })
    expect(signedIn.statusCode, signedIn.body).toBe(200)
    const session = signedIn.json<{ token: string; reviewer: unknown; idleMinutes: number }>()
    expect(session).toMatchObject({
      reviewer: { id: 'hoa', name: 'Lê Thị Hoa', role: 'senior' },
      idleMinutes: 30,
    })
    const auth = { authorization: `Bearer ${session.token}` }
    const who = await env.upstream.app.inject({ url: '/review/api/session', headers: auth })
    expect(who.json()).toEqual({ reviewer: session.reviewer })
    const out = await env.upstream.app.inject({
      method: 'DELETE',
      url: '/review/api/session',
      headers: auth,
    })
    expect(out.statusCode).toBe(204)
    const after = await env.upstream.app.inject({ url: '/review/api/files', headers: auth })
    expect(after.statusCode).toBe(401)
    expect(errorOf(after).code).toBe('unauthorized')
  })

  it('says a session expired, and refuses a flood of failed sign-ins from one address', async () => {
    const env = await upstreamWith()
    const token = await reviewerToken(env.upstream)
    env.clock.advance(31 * 60_000)
    const expired = await env.upstream.app.inject({
      url: '/review/api/stats',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(expired.statusCode).toBe(401)
    expect(errorOf(expired).code).toBe('session_expired')
    for (let i = 0; i < 20; i++)
      await post(env, '/review/api/session', { username: 'a', password: 'b' })
    const flood = await post(env, '/review/api/session', { username: 'senior-1', password: 'b' })
    expect(flood.statusCode).toBe(429)
    expect(errorOf(flood)).toMatchObject({
      code: 'too_many_sign_ins',
      params: { retryAfterSeconds: 900 },
    })
  })

  it('takes the shared token as the trainer on the training upstream only', async () => {
    const training = await upstreamWith({ training: true })
    const token = training.upstream.reviewToken
    expect(token).toMatch(/^[\w-]{32}$/)
    const bad = await post(training, '/review/api/session/training', { trainingToken: 'guess' })
    expect(bad.statusCode).toBe(401)
    const good = await post(training, '/review/api/session/training', { trainingToken: token })
    expect(good.statusCode, good.body).toBe(200)
    expect(good.json()).toMatchObject({ reviewer: { id: 'trainer', role: 'senior' } })
    // The token itself is not a session.
    const direct = await training.upstream.app.inject({
      url: '/review/api/stats',
      headers: { authorization: `Bearer ${token}` },
    })
    expect(direct.statusCode).toBe(401)

    const real = await upstreamWith()
    expect(real.upstream.reviewToken).toBeNull()
    expect(existsSync(join(real.dataDir, 'review-token'))).toBe(false)
    expect(await real.upstream.reviewers.list()).toEqual([])
    const refused = await post(real, '/review/api/session/training', { trainingToken: 'anything' })
    expect(refused.statusCode).toBe(401)
  })
})

describe('who may approve what', () => {
  async function queue(options: { training: boolean; trust?: boolean; approvals?: boolean }) {
    const env = await upstreamWith({
      training: options.training,
      ...(options.trust ? { trust: [sampleChipPki().csca.certificateDer] } : {}),
    })
    const terminal = testTerminal()
    await registerTerminal(env.upstream, terminal)
    const approvals = options.approvals
      ? {
          approvals: [
            {
              approvalId: 'ap-1',
              supervisorId: 'supervisor-3',
              exception: 'missing-finger' as const,
              reason: 'Ngón trỏ trái bị thương',
              at: '2026-11-26T07:55:00.000Z',
            },
          ],
        }
      : {}
    const answer = await uploadFile(
      env.upstream,
      terminal,
      buildFile(env.upstream, terminal, FILE_A, approvals),
    )
    expect(answer.statusCode, answer.body).toBe(200)
    return env
  }
  const approve = (env: Env, token: string) =>
    post(env, `/review/api/files/${FILE_A}/approve`, {}, token)

  it('refuses to approve a simulated file outside training, with a clear code; a rejection goes', async () => {
    const env = await queue({ training: false, trust: true })
    const refused = await approve(env, await reviewerToken(env.upstream, 'senior'))
    expect(refused.statusCode).toBe(409)
    expect(errorOf(refused).code).toBe('simulated_not_approvable')
    expect(errorOf(refused).message).toContain('ngoài môi trường đào tạo')
    expect((await env.upstream.stats()).approved).toBe(0)
    const rejected = await post(
      env,
      `/review/api/files/${FILE_A}/reject`,
      { reason: 'Hồ sơ mô phỏng' },
      await reviewerToken(env.upstream, 'reviewer'),
    )
    expect(rejected.statusCode, rejected.body).toBe(200)
  })

  it('leaves untrusted chip data to a senior reviewer, and records who decided', async () => {
    const env = await queue({ training: true })
    const plain = await approve(env, await reviewerToken(env.upstream, 'reviewer'))
    expect(plain.statusCode).toBe(403)
    expect(errorOf(plain)).toMatchObject({
      code: 'senior_required',
      params: { because: 'untrusted' },
    })
    const senior = await approve(env, await reviewerToken(env.upstream, 'senior'))
    expect(senior.statusCode, senior.body).toBe(200)
    const detail = await env.upstream.app.inject({
      url: `/review/api/files/${FILE_A}`,
      headers: { authorization: `Bearer ${await reviewerToken(env.upstream, 'reviewer')}` },
    })
    expect(detail.json()).toMatchObject({
      state: 'approved',
      reviewer: 'senior-1',
      reviewerName: 'Người duyệt senior-1',
      reviewerRole: 'senior',
      reviewedAt: '2026-11-26T08:00:00.000Z',
    })
  })

  it('leaves a file with supervisor exceptions to a senior reviewer, even with valid chip data', async () => {
    const env = await queue({ training: true, trust: true, approvals: true })
    const plain = await approve(env, await reviewerToken(env.upstream, 'reviewer'))
    expect(errorOf(plain)).toMatchObject({
      code: 'senior_required',
      params: { because: 'exceptions' },
    })
    expect((await approve(env, await reviewerToken(env.upstream, 'senior'))).statusCode).toBe(200)
  })

  it('lets a reviewer approve a valid file without exceptions', async () => {
    const env = await queue({ training: true, trust: true })
    const answer = await approve(env, await reviewerToken(env.upstream, 'reviewer'))
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.json()).toMatchObject({ summary: { reviewerRole: 'reviewer' } })
  })
})
