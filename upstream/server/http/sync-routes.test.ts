import { generateKeyPairSync } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { generateUpstreamKeyPair } from '../../../protocol/packet'
import {
  apiPaths,
  ErrorBodySchema,
  FileStatusSchema,
  publicKeyFromBase64,
  publicKeyToBase64,
  ReceiptSchema,
  signRequest,
  StatusFeedSchema,
  UpstreamInfoSchema,
  verifyReceipt,
  type ErrorCode,
} from '../../../protocol'
import {
  buildFile,
  registerTerminal,
  sampleDg1,
  sampleInput,
  sampleSod,
  signedInject,
  testTerminal,
  testUpstream,
  uploadFile,
  type TestTerminal,
} from '../test-support'
import { parse } from '../../../lib/schema'

const FILE_A = '11111111-1111-4111-8111-111111111111'
const FILE_B = '22222222-2222-4222-8222-222222222222'

type Injected = Awaited<ReturnType<typeof signedInject>>

function expectRefusal(response: Injected, status: number, code: ErrorCode) {
  expect(response.statusCode, response.body).toBe(status)
  const body = parse(ErrorBodySchema, response.json())
  expect(body.error.code).toBe(code)
  // Bilingual: "Vietnamese / English: detail".
  expect(body.error.message).toMatch(/ \/ /)
  return body.error
}

let env: Awaited<ReturnType<typeof testUpstream>>
let terminal: TestTerminal

beforeEach(async () => {
  env = await testUpstream({ maxChunkSize: 4096 })
  terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
})
afterEach(() => env.cleanup())

describe('GET /v1/upstream', () => {
  it('answers the protocol version, clock, limits and public keys without a signature', async () => {
    const response = await env.upstream.app.inject({ method: 'GET', url: apiPaths.info() })
    expect(response.statusCode).toBe(200)
    const info = parse(UpstreamInfoSchema, response.json())
    expect(info).toMatchObject({
      protocolVersion: 1,
      training: false,
      time: '2026-11-26T08:00:00.000Z',
      maxChunkSize: 4096,
      keys: env.upstream.keys.publicDocument,
    })
  })
})

describe('POST /v1/terminals', () => {
  const body = (t: TestTerminal, code: string) => ({
    code,
    terminalId: t.terminalId,
    publicKey: publicKeyToBase64(t.keys.publicKey),
  })

  it('registers with a one-time code, answering the upstream keys; a repeat is success', async () => {
    const second = testTerminal('terminal-2')
    const code = await env.upstream.invite()
    const request = { method: 'POST' as const, path: apiPaths.register(), json: body(second, code) }
    const first = await signedInject(env.upstream, second, request)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({
      terminalId: 'terminal-2',
      keyId: second.keys.keyId,
      upstream: env.upstream.keys.publicDocument,
    })
    const again = await signedInject(env.upstream, second, request)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
  })

  it('accepts ECDSA P-256 terminal keys', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const p256: TestTerminal = {
      terminalId: 'terminal-p256',
      keys: { ...pair, keyId: 'unused' },
    }
    const registered = await registerTerminal(env.upstream, p256)
    expect(registered.terminalId).toBe('terminal-p256')
    const status = await signedInject(env.upstream, p256, {
      method: 'GET',
      path: apiPaths.status(),
    })
    expect(status.statusCode).toBe(200)
  })

  it('refuses unknown, expired and someone else’s codes', async () => {
    const other = testTerminal('terminal-2')
    expectRefusal(
      await signedInject(env.upstream, other, {
        method: 'POST',
        path: apiPaths.register(),
        json: body(other, 'AAAA-BBBB-CCCC-DDDD'),
      }),
      403,
      'invalid_invite',
    )
    const expiring = await env.upstream.invite(60_000)
    env.clock.advance(61_000)
    expectRefusal(
      await signedInject(env.upstream, other, {
        method: 'POST',
        path: apiPaths.register(),
        json: body(other, expiring),
      }),
      403,
      'invalid_invite',
    )
    const code = await env.upstream.invite()
    await signedInject(env.upstream, other, {
      method: 'POST',
      path: apiPaths.register(),
      json: body(other, code),
    })
    const third = testTerminal('terminal-3')
    const error = expectRefusal(
      await signedInject(env.upstream, third, {
        method: 'POST',
        path: apiPaths.register(),
        json: body(third, code),
      }),
      403,
      'invalid_invite',
    )
    expect(error.message).toContain('another terminal')
  })

  it('refuses a code reused for another key, and a request not signed by the key it registers', async () => {
    const code = await env.upstream.invite()
    const second = testTerminal('terminal-2')
    await signedInject(env.upstream, second, {
      method: 'POST',
      path: apiPaths.register(),
      json: body(second, code),
    })
    const rekeyed = testTerminal('terminal-2', 'another seed')
    expectRefusal(
      await signedInject(env.upstream, rekeyed, {
        method: 'POST',
        path: apiPaths.register(),
        json: body(rekeyed, code),
      }),
      409,
      'terminal_conflict',
    )
    // Signed by one key while registering another: no proof of possession.
    const impostor = testTerminal('terminal-4')
    expectRefusal(
      await signedInject(env.upstream, impostor, {
        method: 'POST',
        path: apiPaths.register(),
        json: {
          ...body(impostor, await env.upstream.invite()),
          publicKey: body(second, '').publicKey,
        },
      }),
      401,
      'bad_signature',
    )
  })

  it('re-keys a registered terminal with a fresh code', async () => {
    const rekeyed = testTerminal(terminal.terminalId, 'new key')
    const response = await registerTerminal(env.upstream, rekeyed)
    expect(response.keyId).toBe(rekeyed.keys.keyId)
    expectRefusal(
      await signedInject(env.upstream, terminal, { method: 'GET', path: apiPaths.status() }),
      401,
      'bad_signature',
    )
  })
})

describe('request authentication', () => {
  it('refuses an unsigned request', async () => {
    const response = await env.upstream.app.inject({ method: 'GET', url: apiPaths.status() })
    expectRefusal(response, 401, 'unsigned_request')
  })

  it('refuses an unregistered terminal', async () => {
    const stranger = testTerminal('stranger')
    const error = expectRefusal(
      await signedInject(env.upstream, stranger, { method: 'GET', path: apiPaths.status() }),
      401,
      'unregistered_terminal',
    )
    expect(error.message).toContain('stranger')
  })

  function signed(json: unknown, path = apiPaths.announce()) {
    const body = Buffer.from(JSON.stringify(json))
    const headers = signRequest(
      { method: 'POST', path, body },
      {
        terminalId: terminal.terminalId,
        privateKey: terminal.keys.privateKey,
        upstreamId: env.upstream.keys.publicDocument.upstreamId,
      },
      { now: env.upstream.ctx.now, randomBytes: seededRandom('signed') },
    )
    return { headers: { ...headers, 'content-type': 'application/json' }, body }
  }

  it('refuses a body changed after signing', async () => {
    const { headers } = signed({ fileId: FILE_A, sha256: 'a'.repeat(64), size: 10 })
    const tampered = JSON.stringify({ fileId: FILE_A, sha256: 'b'.repeat(64), size: 10 })
    const response = await env.upstream.app.inject({
      method: 'POST',
      url: apiPaths.announce(),
      headers,
      payload: tampered,
    })
    expectRefusal(response, 401, 'bad_signature')
    expect(await env.upstream.ctx.repos.files.get(FILE_A)).toBeUndefined()
  })

  it('refuses a replayed request', async () => {
    const { headers, body } = signed({ fileId: FILE_A, sha256: 'a'.repeat(64), size: 10 })
    const send = () =>
      env.upstream.app.inject({ method: 'POST', url: apiPaths.announce(), headers, payload: body })
    expect((await send()).statusCode).toBe(200)
    const error = expectRefusal(await send(), 401, 'replayed_nonce')
    expect(error.message).toContain(headers['x-kiosk-nonce'])
  })

  it('refuses a timestamp outside the window', async () => {
    const { headers, body } = signed({ fileId: FILE_A, sha256: 'a'.repeat(64), size: 10 })
    env.clock.advance(5 * 60_000 + 1)
    const response = await env.upstream.app.inject({
      method: 'POST',
      url: apiPaths.announce(),
      headers,
      payload: body,
    })
    expectRefusal(response, 401, 'stale_timestamp')
  })
})

describe('upload: announce → chunks → complete', () => {
  it('stores the file, answers a receipt signed by the upstream key, and reports it complete', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    expect(file.size).toBeGreaterThan(4096)
    const response = await uploadFile(env.upstream, terminal, file, 1000)
    expect(response.statusCode, response.body).toBe(200)
    const receipt = parse(ReceiptSchema, response.json<{ receipt: unknown }>().receipt)
    expect(receipt).toMatchObject({
      fileId: FILE_A,
      sha256: file.sha256,
      size: file.size,
      terminalId: terminal.terminalId,
      keyId: env.upstream.keys.publicDocument.signing.keyId,
    })
    const signingKey = publicKeyFromBase64(env.upstream.keys.publicDocument.signing.publicKey)
    expect(verifyReceipt(receipt, signingKey, { ...file, fileId: FILE_A })).toBe(true)
    const status = await signedInject(env.upstream, terminal, {
      method: 'GET',
      path: apiPaths.file(FILE_A),
    })
    expect(parse(FileStatusSchema, status.json())).toEqual({
      fileId: FILE_A,
      state: 'complete',
      size: file.size,
      receivedOffset: file.size,
      receipt,
    })
    expect(await env.upstream.stats()).toEqual({
      received: 1,
      approved: 0,
      rejected: 0,
      duplicates: 0,
    })
  })

  it('resumes: announce again answers the received offset; a wrong offset names the right one', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    const announce = { fileId: FILE_A, sha256: file.sha256, size: file.size }
    await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.announce(),
      json: announce,
    })
    const first = await signedInject(env.upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(FILE_A, 0),
      bytes: file.body.subarray(0, 1500),
    })
    expect(first.json()).toEqual({ fileId: FILE_A, receivedOffset: 1500 })
    const again = await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.announce(),
      json: announce,
    })
    expect(again.json()).toEqual({
      fileId: FILE_A,
      state: 'receiving',
      size: file.size,
      receivedOffset: 1500,
    })
    // The client lost the answer to its first chunk and sends it again.
    const resent = await signedInject(env.upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(FILE_A, 0),
      bytes: file.body.subarray(0, 1500),
    })
    expect(expectRefusal(resent, 409, 'offset_mismatch').receivedOffset).toBe(1500)
    const rest = await signedInject(env.upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(FILE_A, 1500),
      bytes: file.body.subarray(1500),
    })
    expect(rest.json()).toEqual({ fileId: FILE_A, receivedOffset: file.size })
    const complete = await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.complete(FILE_A),
      json: {},
    })
    expect(complete.statusCode, complete.body).toBe(200)
  })

  it('refuses chunks past the announced size or over the chunk limit, and completes before the end', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.announce(),
      json: { fileId: FILE_A, sha256: file.sha256, size: 100 },
    })
    expectRefusal(
      await signedInject(env.upstream, terminal, {
        method: 'PUT',
        path: apiPaths.chunk(FILE_A, 0),
        bytes: file.body.subarray(0, 101),
      }),
      416,
      'chunk_out_of_range',
    )
    expectRefusal(
      await signedInject(env.upstream, terminal, {
        method: 'PUT',
        path: apiPaths.chunk(FILE_A, 0),
        bytes: Buffer.alloc(5000),
      }),
      413,
      'body_too_large',
    )
    await signedInject(env.upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(FILE_A, 0),
      bytes: file.body.subarray(0, 60),
    })
    const early = expectRefusal(
      await signedInject(env.upstream, terminal, {
        method: 'POST',
        path: apiPaths.complete(FILE_A),
        json: {},
      }),
      409,
      'incomplete_body',
    )
    expect(early.receivedOffset).toBe(60)
  })

  it('refuses a body tampered in transit, discards it, and accepts a clean upload after', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    const tampered = Buffer.from(file.body)
    tampered[tampered.length - 20]! ^= 0xff
    const response = await uploadFile(env.upstream, terminal, { ...file, body: tampered })
    expectRefusal(response, 422, 'hash_mismatch')
    const status = await signedInject(env.upstream, terminal, {
      method: 'GET',
      path: apiPaths.file(FILE_A),
    })
    expect(status.json()).toMatchObject({ state: 'receiving', receivedOffset: 0 })
    expect((await uploadFile(env.upstream, terminal, file)).statusCode).toBe(200)
  })

  it('counts a duplicate announce or complete as success with the same receipt', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    const receipt = (await uploadFile(env.upstream, terminal, file)).json<{ receipt: unknown }>()
      .receipt
    const announce = await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.announce(),
      json: { fileId: FILE_A, sha256: file.sha256, size: file.size },
    })
    expect(announce.statusCode).toBe(200)
    expect(announce.json()).toMatchObject({ state: 'complete', receipt })
    const complete = await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.complete(FILE_A),
      json: {},
    })
    expect(complete.json()).toEqual({ receipt })
    const chunk = await signedInject(env.upstream, terminal, {
      method: 'PUT',
      path: apiPaths.chunk(FILE_A, 0),
      bytes: file.body.subarray(0, 10),
    })
    expect(chunk.json()).toEqual({ fileId: FILE_A, receivedOffset: file.size })
    expect(await env.upstream.stats()).toEqual({
      received: 1,
      approved: 0,
      rejected: 0,
      duplicates: 2,
    })
  })

  it('refuses the same id with other content, and hides one terminal’s files from another', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    await uploadFile(env.upstream, terminal, file)
    expectRefusal(
      await signedInject(env.upstream, terminal, {
        method: 'POST',
        path: apiPaths.announce(),
        json: { fileId: FILE_A, sha256: 'f'.repeat(64), size: file.size },
      }),
      409,
      'file_conflict',
    )
    const other = testTerminal('terminal-2')
    await registerTerminal(env.upstream, other)
    expectRefusal(
      await signedInject(env.upstream, other, { method: 'GET', path: apiPaths.file(FILE_A) }),
      404,
      'unknown_file',
    )
    expectRefusal(
      await signedInject(env.upstream, other, {
        method: 'POST',
        path: apiPaths.announce(),
        json: { fileId: FILE_A, sha256: file.sha256, size: file.size },
      }),
      409,
      'file_conflict',
    )
    expectRefusal(
      await signedInject(env.upstream, terminal, {
        method: 'PUT',
        path: apiPaths.chunk(FILE_B, 0),
        bytes: Buffer.from('x'),
      }),
      404,
      'unknown_file',
    )
  })

  it.each([
    [
      'encrypted to another upstream',
      (t: TestTerminal) => {
        const foreign = generateUpstreamKeyPair(seededRandom('foreign upstream'))
        return buildFile(env.upstream, t, FILE_A, {}, foreign.publicKey)
      },
      /wrong-recipient|decrypt/,
    ],
    [
      'signed by a key that is not the registered one',
      () => buildFile(env.upstream, testTerminal(terminal.terminalId, 'stolen id'), FILE_A),
      /untrusted-terminal/,
    ],
    [
      'missing its contact record',
      (t: TestTerminal) =>
        buildFile(env.upstream, t, FILE_A, {
          parts: sampleInput(t, FILE_A).parts.filter((p) => p.kind !== 'contact'),
        }),
      /no contact part/,
    ],
  ])('refuses a file %s as invalid_file, and forgets it', async (_what, make, reason) => {
    const file = make(terminal)
    const error = expectRefusal(await uploadFile(env.upstream, terminal, file), 422, 'invalid_file')
    expect(error.message).toMatch(reason)
    expect(await env.upstream.ctx.repos.files.get(FILE_A)).toBeUndefined()
    expect((await env.upstream.stats()).received).toBe(0)
  })

  it('refuses chip data altered after signing as chip_data_invalid, naming the DG, and forgets it', async () => {
    const dg1 = sampleDg1()
    const sod = sampleSod(new Map([[1, dg1]]))
    dg1[dg1.length - 1] = 0x41 // the last MRZ filler '<' became 'A' after EF.SOD was signed
    const parts = sampleInput(terminal, FILE_A).parts.map((p) =>
      p.name === 'chip/DG1'
        ? { ...p, data: dg1 }
        : p.name === 'chip/EF.SOD'
          ? { ...p, data: sod }
          : p,
    )
    const file = buildFile(env.upstream, terminal, FILE_A, { parts })
    const error = expectRefusal(
      await uploadFile(env.upstream, terminal, file),
      422,
      'chip_data_invalid',
    )
    expect(error.message).toMatch(
      /^Dữ liệu chip .* \/ Chip data failed passive authentication: .*DG1/,
    )
    expect(await env.upstream.ctx.repos.files.get(FILE_A)).toBeUndefined()
    expect((await env.upstream.stats()).received).toBe(0)
  })

  it('receives chip data from an unknown CSCA and records it as untrusted', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    expect((await uploadFile(env.upstream, terminal, file)).statusCode).toBe(200)
    expect((await env.upstream.ctx.repos.files.get(FILE_A))?.chip).toMatchObject({
      verdict: 'untrusted',
      failedCheck: 'certificateChain',
      dataGroups: [{ number: 1, status: 'match' }],
      checkedAt: file.manifest.times.submittedAt,
    })
  })

  it('refuses a file whose inner id is not the announced one', async () => {
    const file = buildFile(env.upstream, terminal, FILE_B)
    const response = await uploadFile(env.upstream, terminal, {
      ...file,
      manifest: { ...file.manifest, fileId: FILE_A },
    })
    expect(expectRefusal(response, 422, 'invalid_file').message).toContain(FILE_B)
  })
})

describe('GET /v1/status', () => {
  it('pages this terminal’s state changes with a cursor', async () => {
    await uploadFile(env.upstream, terminal, buildFile(env.upstream, terminal, FILE_A))
    await uploadFile(env.upstream, terminal, buildFile(env.upstream, terminal, FILE_B))
    await env.upstream.review.reject(
      FILE_B,
      { id: 'reviewer-1', name: 'Lê Thị Hoa', role: 'reviewer' },
      'Ảnh chân dung bị mờ',
    )
    const page = async (cursor?: string, limit?: number) => {
      const response = await signedInject(env.upstream, terminal, {
        method: 'GET',
        path: apiPaths.status(cursor, limit),
      })
      expect(response.statusCode, response.body).toBe(200)
      return parse(StatusFeedSchema, response.json())
    }
    const first = await page(undefined, 2)
    expect(first.items.map((i) => [i.fileId, i.state])).toEqual([
      [FILE_A, 'received'],
      [FILE_B, 'received'],
    ])
    expect(first.more).toBe(true)
    const second = await page(first.cursor, 2)
    expect(second.items).toEqual([
      {
        fileId: FILE_B,
        state: 'rejected',
        reason: 'Ảnh chân dung bị mờ',
        at: '2026-11-26T08:00:00.000Z',
      },
    ])
    expect(second.more).toBe(false)
    const third = await page(second.cursor)
    expect(third).toEqual({ cursor: second.cursor, items: [], more: false })

    const other = testTerminal('terminal-2')
    await registerTerminal(env.upstream, other)
    const theirs = await signedInject(env.upstream, other, {
      method: 'GET',
      path: apiPaths.status(),
    })
    expect(theirs.json()).toMatchObject({ items: [], more: false })
    expectRefusal(
      await signedInject(env.upstream, terminal, { method: 'GET', path: apiPaths.status('zz') }),
      400,
      'bad_request',
    )
  })
})

describe('other refusals', () => {
  it('answers unknown routes and malformed bodies with the error body', async () => {
    expectRefusal(
      await env.upstream.app.inject({ method: 'GET', url: '/v2/nothing' }),
      404,
      'not_found',
    )
    expectRefusal(
      await signedInject(env.upstream, terminal, {
        method: 'POST',
        path: apiPaths.announce(),
        json: { fileId: 'not-a-uuid', sha256: 'a', size: -1 },
      }),
      400,
      'bad_request',
    )
    expectRefusal(
      await signedInject(env.upstream, terminal, {
        method: 'POST',
        path: apiPaths.announce(),
        json: { fileId: FILE_A, sha256: 'a'.repeat(64), size: 65 * 1024 * 1024 },
      }),
      400,
      'bad_request',
    )
  })
})
