import { afterEach, describe, expect, it } from 'vitest'
import { apiPaths, ErrorBodySchema, FileStatusSchema } from '../../../protocol'
import { parse } from '../../../lib/schema'
import {
  buildFile,
  registerTerminal,
  signedInject,
  testTerminal,
  testUpstream,
  uploadFile,
  type TestTerminal,
} from '../test-support'

const HOUR = 60 * 60 * 1000
const STALE = '11111111-1111-4111-8111-111111111111'
const OTHER = '22222222-2222-4222-8222-222222222222'
const REAL_1 = '33333333-3333-4333-8333-333333333333'
const REAL_2 = '44444444-4444-4444-8444-444444444444'

let env: Awaited<ReturnType<typeof testUpstream>>
afterEach(() => env.cleanup())

async function setUp(limits: { unfinishedFiles?: number; unfinishedBytes?: number }) {
  env = await testUpstream({ limits })
  const terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
  return terminal
}

const announce = (terminal: TestTerminal, fileId: string, size: number) =>
  signedInject(env.upstream, terminal, {
    method: 'POST',
    path: apiPaths.announce(),
    json: { fileId, sha256: 'a'.repeat(64), size },
  })

function refusal(response: Awaited<ReturnType<typeof announce>>) {
  return { status: response.statusCode, code: parse(ErrorBodySchema, response.json()).error.code }
}

describe('quota of unfinished uploads', () => {
  it('refuses a new file past the file count with 507, but not an announce again of one held', async () => {
    const terminal = await setUp({ unfinishedFiles: 2 })
    expect((await announce(terminal, STALE, 100)).statusCode).toBe(200)
    expect((await announce(terminal, OTHER, 100)).statusCode).toBe(200)
    expect(refusal(await announce(terminal, REAL_1, 100))).toEqual({
      status: 507,
      code: 'upload_quota_exceeded',
    })
    expect((await announce(terminal, STALE, 100)).statusCode).toBe(200)
    // Another terminal has its own quota.
    const second = testTerminal('terminal-2')
    await registerTerminal(env.upstream, second)
    expect((await announce(second, REAL_1, 100)).statusCode).toBe(200)
  })

  it('refuses a new file past the unfinished bytes, and frees the quota when a file completes', async () => {
    const terminal = await setUp({ unfinishedBytes: 8000 })
    const first = buildFile(env.upstream, terminal, REAL_1)
    const second = buildFile(env.upstream, terminal, REAL_2)
    expect(first.size + second.size).toBeGreaterThan(8000)
    const announceReal = (file: typeof first) =>
      signedInject(env.upstream, terminal, {
        method: 'POST',
        path: apiPaths.announce(),
        json: { fileId: file.manifest.fileId, sha256: file.sha256, size: file.size },
      })
    expect((await announceReal(first)).statusCode).toBe(200)
    expect(refusal(await announceReal(second)).code).toBe('upload_quota_exceeded')
    expect((await uploadFile(env.upstream, terminal, first)).statusCode).toBe(200)
    expect((await uploadFile(env.upstream, terminal, second)).statusCode).toBe(200)
  })
})

describe('expiry of unfinished uploads', () => {
  it('purges an upload 48 h old with its chunks; its next chunk answers unknown_file and it restarts at 0', async () => {
    const terminal = await setUp({ unfinishedFiles: 1 })
    expect((await announce(terminal, STALE, 100)).statusCode).toBe(200)
    const chunk = await signedInject(env.upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(STALE, 0),
      bytes: Buffer.alloc(50, 1),
    })
    expect(chunk.json()).toEqual({ fileId: STALE, receivedOffset: 50 })
    // Quota full until the stale upload expires.
    expect(refusal(await announce(terminal, REAL_1, 100)).code).toBe('upload_quota_exceeded')

    env.clock.advance(48 * HOUR)
    expect(refusal(await announce(terminal, REAL_1, 100)).code).toBe('upload_quota_exceeded')
    env.clock.advance(1)
    const file = buildFile(env.upstream, terminal, REAL_1)
    expect((await uploadFile(env.upstream, terminal, file)).statusCode).toBe(200)
    expect(await env.upstream.ctx.repos.files.get(STALE)).toBeUndefined()
    expect(await env.upstream.ctx.repos.bodies.size(STALE)).toBe(0)

    const late = await signedInject(env.upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(STALE, 50),
      bytes: Buffer.alloc(50, 1),
    })
    expect(refusal(late)).toEqual({ status: 404, code: 'unknown_file' })
    const again = parse(FileStatusSchema, (await announce(terminal, STALE, 100)).json())
    expect(again).toMatchObject({ state: 'receiving', receivedOffset: 0 })
  })

  it('purges on the periodic pass too', async () => {
    const terminal = await setUp({})
    await announce(terminal, STALE, 100)
    env.clock.advance(47 * HOUR)
    expect(await env.upstream.intake.purgeExpiredUploads()).toBe(0)
    env.clock.advance(HOUR + 1)
    expect(await env.upstream.intake.purgeExpiredUploads()).toBe(1)
    expect(await env.upstream.ctx.repos.files.get(STALE)).toBeUndefined()
  })
})
