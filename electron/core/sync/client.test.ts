import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateTerminalKeyPair } from '../../../protocol/packet'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import type { UpstreamFetch } from './ca-fetch'
import { createUpstreamClient } from './client'
import { signingFetch, testUpstreamSigner, type TestUpstreamSigner } from './test-support'
import { UpstreamRequestError } from './upstream-error'

const terminal = generateTerminalKeyPair(seededRandom('client'))
const upstream = testUpstreamSigner('upstream-a')
type Init = Parameters<UpstreamFetch>[1]

/**
 * A client of a stand-in upstream: `answer` makes each answer, `signer` signs it (the registered
 * upstream by default; null sends it unsigned), `registered` is the trust the station holds.
 */
function clientAnswering(
  answer: (url: string, init: Init) => Response | Promise<Response>,
  signer: TestUpstreamSigner | null = upstream,
  registered: TestUpstreamSigner | null = upstream,
) {
  const seen: { url: string; init: Init }[] = []
  const client = createUpstreamClient({
    baseUrl: 'https://upstream.test/',
    terminalId: 'station-1',
    privateKey: terminal.privateKey,
    now: () => new Date('2026-11-26T08:00:00Z'),
    randomBytes: seededRandom('nonces'),
    timeoutMs: 1000,
    trust: () => registered?.trust ?? null,
    fetch: signingFetch(signer, (url, init) => {
      seen.push({ url, init })
      return answer(url, init)
    }),
  })
  return { client, seen }
}

const fileId = '8a6e0804-2bd0-4672-b79a-4d4a1e0e1f40'

describe('upstream client', () => {
  it('signs requests and sends chunks as raw bytes at their offset', async () => {
    const { client, seen } = clientAnswering(() => Response.json({ fileId, receivedOffset: 3 }))
    expect(await client.putChunk(fileId, 0, Buffer.from('abc'))).toEqual({
      fileId,
      receivedOffset: 3,
    })
    const [call] = seen
    expect(call!.url).toBe(`https://upstream.test/v1/files/${fileId}/body?offset=0`)
    const headers = call!.init.headers
    expect(headers['content-type']).toBe('application/octet-stream')
    expect(headers['x-kiosk-terminal']).toBe('station-1')
    expect(headers['x-kiosk-upstream']).toBe('upstream-a')
    expect(headers['x-kiosk-signature']).toMatch(/^[A-Za-z0-9_-]{86}$/)
  })

  it('reads Retry-After of a 429, in seconds or as a date', async () => {
    const limited = (retryAfter: string) =>
      clientAnswering(() =>
        Response.json(
          { error: { code: 'rate_limited', message: 'Chậm lại / Slow down' } },
          { status: 429, headers: { 'retry-after': retryAfter } },
        ),
      ).client
    await expect(limited('45').status(undefined, 10)).rejects.toMatchObject({
      kind: 'http',
      status: 429,
      code: 'rate_limited',
      errorClass: 'retryable',
      retryAfterMs: 45_000,
    })
    await expect(
      limited('Thu, 26 Nov 2026 08:02:00 GMT').announce({
        fileId,
        sha256: 'a'.repeat(64),
        size: 1,
      }),
    ).rejects.toMatchObject({ retryAfterMs: 120_000 })
  })

  it('classifies refusals by the upstream error code, and foreign failures by status', async () => {
    const refused = clientAnswering(() =>
      Response.json(
        { error: { code: 'offset_mismatch', message: 'Lệch / Offset', receivedOffset: 7 } },
        { status: 409 },
      ),
    )
    await expect(refused.client.putChunk(fileId, 0, Buffer.from('x'))).rejects.toMatchObject({
      kind: 'http',
      code: 'offset_mismatch',
      errorClass: 'retryable',
      receivedOffset: 7,
    })
    const proxy = clientAnswering(() => new Response('<html>bad gateway</html>', { status: 502 }))
    await expect(proxy.client.complete(fileId)).rejects.toMatchObject({
      kind: 'http',
      status: 502,
      errorClass: 'retryable',
    })
    const gone = clientAnswering(() => new Response('gone', { status: 410 }))
    await expect(gone.client.complete(fileId)).rejects.toMatchObject({ errorClass: 'permanent' })
    const down = clientAnswering(() => {
      throw new TypeError('fetch failed')
    })
    await expect(down.client.info()).rejects.toMatchObject({
      kind: 'network',
      errorClass: 'retryable',
    })
  })

  it('lets only UpstreamRequestError escape, whatever the upstream answers (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 200, max: 599 }),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.constant('{"fileId":"x","state":"complete"}'),
          fc.constant('{"error":{"code":"bogus","message":1}}'),
        ),
        async (status, body) => {
          const { client } = clientAnswering(() => new Response(body, { status }))
          for (const call of [
            () => client.announce({ fileId, sha256: 'a'.repeat(64), size: 5 }),
            () => client.status(undefined, 10),
            () => client.info(),
          ]) {
            try {
              await call()
            } catch (error) {
              if (!(error instanceof UpstreamRequestError)) throw error
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('upstream client on a closed kept-alive connection', () => {
  it('sends once more, freshly signed, after EPIPE or a closed socket, not after a reset', async () => {
    const epipe = Object.assign(new TypeError('fetch failed'), { cause: { code: 'EPIPE' } })
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })
    let calls = 0
    const closed = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'UND_ERR_SOCKET' },
    })
    const flaky = clientAnswering(() => {
      if (calls++ === 0) throw epipe
      return Response.json({ fileId, receivedOffset: 1 })
    })
    await expect(flaky.client.putChunk(fileId, 0, Buffer.from('x'))).resolves.toEqual({
      fileId,
      receivedOffset: 1,
    })
    const nonces = flaky.seen.map((s) => s.init.headers['x-kiosk-nonce'])
    expect(nonces).toHaveLength(2)
    expect(nonces[0]).not.toBe(nonces[1])

    const broken = clientAnswering(() => {
      throw reset
    })
    await expect(broken.client.putChunk(fileId, 0, Buffer.from('x'))).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringMatching(/ECONNRESET/),
    })
    expect(broken.seen).toHaveLength(1)

    const twice = clientAnswering(() => {
      throw closed
    })
    await expect(twice.client.complete(fileId)).rejects.toMatchObject({ kind: 'network' })
    expect(twice.seen).toHaveLength(2)
  })
})

describe('upstream client trust', () => {
  const ok = () => Response.json({ fileId, receivedOffset: 1 })
  const putChunk = (client: ReturnType<typeof clientAnswering>['client']) =>
    client.putChunk(fileId, 0, Buffer.from('x'))

  it('refuses http:// outside loopback before sending anything, and allows it on loopback', () => {
    const make = (baseUrl: string) =>
      createUpstreamClient({
        baseUrl,
        terminalId: 'station-1',
        privateKey: terminal.privateKey,
        now: () => new Date(),
        randomBytes: seededRandom('u'),
        timeoutMs: 1000,
        trust: () => null,
        fetch: () => Promise.reject(new Error('nothing may be sent')),
      })
    for (const url of ['http://upstream.example/', 'http://10.0.0.5:8443', 'http://128.0.0.1'])
      expect(() => make(url)).toThrow(
        expect.objectContaining({
          messageKey: 'messages.sync.insecureUpstreamUrl',
          params: { url },
        }) as Error,
      )
    for (const url of [
      'http://127.0.0.1:9',
      'http://127.8.9.1',
      'http://[::1]:80',
      'http://localhost:3',
    ])
      expect(make(url).baseUrl).toBe(url.replace(/\/+$/, ''))
  })

  it('refuses an answer unsigned, signed by another key, or by another upstream id', async () => {
    const impostor = testUpstreamSigner('upstream-a')
    const elsewhere = testUpstreamSigner('upstream-b')
    for (const [signer, key] of [
      [null, 'messages.sync.unsignedAnswer'],
      [impostor, 'messages.sync.badAnswerSignature'],
      [elsewhere, 'messages.sync.unsignedAnswer'],
    ] as const) {
      const { client } = clientAnswering(ok, signer)
      await expect(putChunk(client)).rejects.toMatchObject({
        kind: 'protocol',
        errorClass: 'retryable',
        messageKey: key,
      })
    }
  })

  it('refuses a signed answer replayed to another request', async () => {
    let recorded: Response | undefined
    // The first answer is signed for its request; the second request gets the same bytes back.
    const { client } = clientAnswering(async (url, init) => {
      if (recorded) return recorded.clone()
      recorded = await signingFetch(upstream, ok)(url, init)
      return recorded.clone()
    }, null)
    await expect(putChunk(client)).resolves.toEqual({ fileId, receivedOffset: 1 })
    await expect(putChunk(client)).rejects.toMatchObject({
      messageKey: 'messages.sync.badAnswerSignature',
    })
  })

  it('takes no unsigned refusal as final: a 4xx is an upstream fault, a 5xx stays retryable', async () => {
    const refusal = () =>
      Response.json(
        { error: { code: 'file_conflict', message: 'Xung đột / Conflict' } },
        { status: 409 },
      )
    const unsignedRefusal = clientAnswering(refusal, null)
    await expect(putChunk(unsignedRefusal.client)).rejects.toMatchObject({
      kind: 'protocol',
      errorClass: 'retryable',
      code: null,
    })
    const signedRefusal = clientAnswering(refusal)
    await expect(putChunk(signedRefusal.client)).rejects.toMatchObject({
      kind: 'http',
      errorClass: 'permanent',
      code: 'file_conflict',
    })
    const proxy = clientAnswering(() => new Response('<html>', { status: 502 }), null)
    await expect(putChunk(proxy.client)).rejects.toMatchObject({
      kind: 'http',
      status: 502,
      errorClass: 'retryable',
    })
  })

  it('sends nothing signed before registration', async () => {
    const { client, seen } = clientAnswering(ok, upstream, null)
    await expect(putChunk(client)).rejects.toMatchObject({
      messageKey: 'messages.sync.notRegistered',
    })
    expect(seen).toHaveLength(0)
  })

  it('verifies the probe when it names the registered upstream, and not otherwise', async () => {
    const info = (upstreamId: string) => () =>
      Response.json({
        protocolVersion: 1,
        training: false,
        time: '2026-11-26T08:00:00.000Z',
        maxChunkSize: 1024,
        maxFileSize: 4096,
        keys: {
          upstreamId,
          encryption: { type: 'x25519', keyId: 'a'.repeat(32), publicKey: 'A'.repeat(44) },
          signing: { type: 'ed25519', keyId: 'b'.repeat(32), publicKey: 'B'.repeat(44) },
        },
      })
    await expect(clientAnswering(info('upstream-a'), null).client.info()).rejects.toMatchObject({
      messageKey: 'messages.sync.unsignedAnswer',
    })
    expect((await clientAnswering(info('upstream-a')).client.info()).keys.upstreamId).toBe(
      'upstream-a',
    )
    // Another upstream: taken as is, so the pass can say which one it reached.
    expect((await clientAnswering(info('upstream-z'), null).client.info()).keys.upstreamId).toBe(
      'upstream-z',
    )
    const { client, seen } = clientAnswering(info('upstream-z'), null)
    await client.info()
    expect(seen[0]!.init.headers['x-kiosk-nonce']).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(seen[0]!.init.headers['x-kiosk-signature']).toBeUndefined()
  })

  it('names a TLS certificate it cannot trust as such', async () => {
    const untrusted = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' },
    })
    const { client } = clientAnswering(() => {
      throw untrusted
    })
    await expect(putChunk(client)).rejects.toMatchObject({
      kind: 'network',
      messageKey: 'messages.sync.untrustedCertificate',
      params: { url: 'https://upstream.test' },
    })
  })
})
