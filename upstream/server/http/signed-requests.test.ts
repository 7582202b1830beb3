import { connect } from 'node:net'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { apiPaths, ErrorBodySchema, signRequest, type ErrorCode } from '../../../protocol'
import { parse } from '../../../lib/schema'
import {
  registerTerminal,
  signedInject,
  testTerminal,
  testUpstream,
  type TestTerminal,
} from '../test-support'

const FILE = '11111111-1111-4111-8111-111111111111'
const CHUNK_LIMIT = 4096

let env: Awaited<ReturnType<typeof testUpstream>>
let terminal: TestTerminal
const nonces = seededRandom('signed-requests-test')

beforeEach(async () => {
  env = await testUpstream({ maxChunkSize: CHUNK_LIMIT })
  terminal = testTerminal()
  await registerTerminal(env.upstream, terminal)
})
afterEach(() => env.cleanup())

/** The signature headers for a chunk of `body`, signed by `signer` (default: the registered key). */
function chunkHeaders(body: Buffer, signer: TestTerminal = terminal, at = env.clock.now) {
  const path = apiPaths.chunk(FILE, 0)
  const headers = signRequest(
    { method: 'PUT', path, body },
    {
      terminalId: signer.terminalId,
      privateKey: signer.keys.privateKey,
      upstreamId: env.upstream.keys.publicDocument.upstreamId,
    },
    { now: at, randomBytes: nonces },
  )
  return { path, headers: { ...headers, 'content-type': 'application/octet-stream' } }
}

/** A body that records whether the server ever asked for a byte of it. */
function watchedBody(body: Buffer) {
  const watch = { read: false }
  const stream = new Readable({
    read() {
      watch.read = true
      this.push(body)
      this.push(null)
    },
  })
  return { stream, watch }
}

async function sendWatched(
  target: { path: string; headers: Record<string, string> },
  body: Buffer,
  declaredLength = body.length,
) {
  const { stream, watch } = watchedBody(body)
  const response = await env.upstream.app.inject({
    method: 'PUT',
    url: target.path,
    headers: { ...target.headers, 'content-length': String(declaredLength) },
    payload: stream,
  })
  return { response, read: watch.read }
}

function codeOf(body: string): ErrorCode {
  return parse(ErrorBodySchema, JSON.parse(body)).error.code
}

async function announce(size: number) {
  const response = await signedInject(env.upstream, terminal, {
    method: 'POST',
    path: apiPaths.announce(),
    json: { fileId: FILE, sha256: 'a'.repeat(64), size },
  })
  expect(response.statusCode, response.body).toBe(200)
}

describe('authentication before the body', () => {
  it('reads the body of a request whose signed headers verify, and checks it against their hash', async () => {
    await announce(100)
    const body = Buffer.alloc(100, 7)
    const ok = await sendWatched(chunkHeaders(body), body)
    expect(ok.response.statusCode, ok.response.body).toBe(200)
    expect(ok.read).toBe(true)

    const other = Buffer.alloc(100, 8)
    const swapped = await sendWatched(chunkHeaders(body), other)
    expect(swapped.read).toBe(true)
    expect(swapped.response.statusCode).toBe(401)
    expect(codeOf(swapped.response.body)).toBe('bad_signature')
  })

  it('refuses an unknown terminal, a stale timestamp, a wrong signature and a replay without reading the body', async () => {
    const body = Buffer.alloc(1000, 1)
    const stranger = testTerminal('terminal-unknown')
    const impostor = { ...testTerminal('impostor'), terminalId: terminal.terminalId }
    const late = () => new Date(env.clock.now().getTime() - 6 * 60 * 1000)
    const replayed = chunkHeaders(body)
    await sendWatched(replayed, body)

    const cases: [{ path: string; headers: Record<string, string> }, ErrorCode][] = [
      [chunkHeaders(body, stranger), 'unregistered_terminal'],
      [chunkHeaders(body, terminal, late), 'stale_timestamp'],
      [chunkHeaders(body, impostor), 'bad_signature'],
      [replayed, 'replayed_nonce'],
      [
        { ...chunkHeaders(body), headers: { 'content-type': 'application/octet-stream' } },
        'unsigned_request',
      ],
    ]
    for (const [target, code] of cases) {
      const { response, read } = await sendWatched(target, body)
      expect([response.statusCode, codeOf(response.body)], code).toEqual([401, code])
      expect(read, code).toBe(false)
      expect(response.headers.connection).toBe('close')
    }
  })

  it('refuses a declared Content-Length over the route limit with 413, before reading or authenticating', async () => {
    const body = Buffer.alloc(CHUNK_LIMIT + 1)
    const chunk = await sendWatched(chunkHeaders(body), body)
    expect([chunk.response.statusCode, codeOf(chunk.response.body)]).toEqual([
      413,
      'body_too_large',
    ])
    expect(chunk.read).toBe(false)

    const json = Buffer.alloc(64 * 1024 + 1, 0x20)
    const { stream, watch } = watchedBody(json)
    const announceTooBig = await env.upstream.app.inject({
      method: 'POST',
      url: apiPaths.announce(),
      headers: { 'content-type': 'application/json', 'content-length': String(json.length) },
      payload: stream,
    })
    expect([announceTooBig.statusCode, codeOf(announceTooBig.body)]).toEqual([
      413,
      'body_too_large',
    ])
    expect(watch.read).toBe(false)
  })
})

describe('over a real socket', () => {
  /** Sends the request line and headers only, then waits for the first bytes of an answer. */
  async function headersThenStall(port: number, path: string, headers: Record<string, string>) {
    const socket = connect(port, '127.0.0.1')
    try {
      const lines = [`PUT ${path} HTTP/1.1`, 'host: 127.0.0.1']
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`)
      socket.write(`${lines.join('\r\n')}\r\n\r\n`)
      const first = await new Promise<Buffer>((resolve, reject) => {
        socket.once('data', resolve)
        socket.once('error', reject)
      })
      return first.toString('latin1').split('\r\n')[0]
    } finally {
      socket.destroy()
    }
  }

  it('answers a bad signature and an oversize declaration while the body never comes', async () => {
    await env.upstream.app.listen({ host: '127.0.0.1', port: 0 })
    const address = env.upstream.app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const body = Buffer.alloc(2000)
    const forged = chunkHeaders(body, {
      ...testTerminal('forger'),
      terminalId: terminal.terminalId,
    })
    expect(
      await headersThenStall(port, forged.path, {
        ...forged.headers,
        'content-length': String(body.length),
      }),
    ).toBe('HTTP/1.1 401 Unauthorized')

    const honest = chunkHeaders(body)
    expect(
      await headersThenStall(port, honest.path, {
        ...honest.headers,
        'content-length': String(8 * 1024 * 1024),
      }),
    ).toBe('HTTP/1.1 413 Payload Too Large')
  })
})
