import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BuiltPacket } from '../../../protocol/packet'
import {
  apiPaths,
  ChunkResponseSchema,
  CompleteResponseSchema,
  ErrorBodySchema,
  publicKeyFromBase64,
  verifyReceipt,
} from '../../../protocol'
import { parse } from '../../../lib/schema'
import {
  buildFile,
  registerTerminal,
  signedInject,
  testTerminal,
  testUpstream,
  type TestTerminal,
} from '../test-support'

const FILE_A = '11111111-1111-4111-8111-111111111111'
const FILE_B = '22222222-2222-4222-8222-222222222222'

let env: Awaited<ReturnType<typeof testUpstream>>
let terminal: TestTerminal

beforeEach(async () => {
  env = await testUpstream({ maxChunkSize: 4096 })
  terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
})
afterEach(() => env.cleanup())

async function announce(file: BuiltPacket) {
  const fileId = file.manifest.fileId
  const response = await signedInject(env.upstream, terminal, {
    method: 'POST',
    path: apiPaths.announce(),
    json: { fileId, sha256: file.sha256, size: file.size },
  })
  expect(response.statusCode, response.body).toBe(200)
}

/** PUT one chunk; `complete` asks the upstream to complete the file with it. */
function putChunk(file: BuiltPacket, from: number, to: number, complete: boolean) {
  return signedInject(env.upstream, terminal, {
    method: 'PUT',
    path: apiPaths.chunk(file.manifest.fileId, from, complete),
    bytes: file.body.subarray(from, to),
  })
}

describe('PUT …/body?offset=N&complete=1: the last chunk completes the file', () => {
  it('answers the signed receipt with the chunk; completing again is a duplicate with it', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    await announce(file)
    expect((await putChunk(file, 0, 4000, false)).statusCode).toBe(200)
    const last = await putChunk(file, 4000, file.size, true)
    expect(last.statusCode, last.body).toBe(200)
    const answer = parse(ChunkResponseSchema, last.json())
    expect(answer).toMatchObject({ fileId: FILE_A, receivedOffset: file.size })
    const signingKey = publicKeyFromBase64(env.upstream.keys.publicDocument.signing.publicKey)
    const receipt = answer.receipt
    if (!receipt) throw new Error('no receipt with the last chunk')
    expect(verifyReceipt(receipt, signingKey, { ...file, fileId: FILE_A })).toBe(true)
    expect(await env.upstream.stats()).toEqual({
      received: 1,
      approved: 0,
      rejected: 0,
      duplicates: 0,
    })

    const again = await signedInject(env.upstream, terminal, {
      method: 'POST',
      path: apiPaths.complete(FILE_A),
      json: {},
    })
    expect(parse(CompleteResponseSchema, again.json()).receipt).toEqual(receipt)
    expect((await env.upstream.stats()).duplicates).toBe(1)
  })

  it('answers no receipt for a chunk short of the announced size; the file keeps receiving', async () => {
    const file = buildFile(env.upstream, terminal, FILE_A)
    await announce(file)
    const short = await putChunk(file, 0, 4000, true)
    expect(short.json()).toEqual({ fileId: FILE_A, receivedOffset: 4000 })
    const status = await signedInject(env.upstream, terminal, {
      method: 'GET',
      path: apiPaths.file(FILE_A),
    })
    expect(status.json()).toMatchObject({ state: 'receiving', receivedOffset: 4000 })
  })

  it('refuses a file that fails the checks of complete, as complete would, and forgets it', async () => {
    const file = buildFile(env.upstream, terminal, FILE_B)
    const mislabelled = { ...file, manifest: { ...file.manifest, fileId: FILE_A } }
    await announce(mislabelled)
    const refused = await putChunk(mislabelled, 0, 4000, false)
    expect(refused.statusCode).toBe(200)
    const last = await putChunk(mislabelled, 4000, file.size, true)
    expect(last.statusCode).toBe(422)
    const { error } = parse(ErrorBodySchema, last.json())
    expect(error.code).toBe('invalid_file')
    expect(error.message).toContain(FILE_B)
    const status = await signedInject(env.upstream, terminal, {
      method: 'GET',
      path: apiPaths.file(FILE_A),
    })
    expect(status.statusCode).toBe(404)
    expect((await env.upstream.stats()).received).toBe(0)
  })

  it('stores and records a body sent whole in one chunk together; a tampered one is refused', async () => {
    await env.cleanup()
    env = await testUpstream({ maxChunkSize: 1 << 20 })
    await registerTerminal(env.upstream, terminal)
    const file = buildFile(env.upstream, terminal, FILE_A)
    const tampered = Buffer.from(file.body)
    tampered[tampered.length - 20]! ^= 0xff
    await announce(file)
    const refused = await putChunk({ ...file, body: tampered }, 0, file.size, true)
    expect(parse(ErrorBodySchema, refused.json()).error.code).toBe('hash_mismatch')
    expect(await env.upstream.ctx.repos.bodies.size(FILE_A)).toBe(0)

    const whole = await putChunk(file, 0, file.size, true)
    expect(whole.statusCode, whole.body).toBe(200)
    const answer = parse(ChunkResponseSchema, whole.json())
    expect(answer.receivedOffset).toBe(file.size)
    expect(answer.receipt).toMatchObject({ fileId: FILE_A, sha256: file.sha256, size: file.size })
    expect((await env.upstream.ctx.repos.bodies.read(FILE_A)).equals(file.body)).toBe(true)
    expect((await env.upstream.intake.open(FILE_A)).manifest.fileId).toBe(FILE_A)
    expect(await env.upstream.stats()).toEqual({
      received: 1,
      approved: 0,
      rejected: 0,
      duplicates: 0,
    })
    const again = await putChunk(file, 0, file.size, true)
    expect(parse(ChunkResponseSchema, again.json()).receipt).toEqual(answer.receipt)
    expect((await env.upstream.stats()).duplicates).toBe(1)
  })
})
