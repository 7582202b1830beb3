import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateTerminalKeyPair } from '../../../protocol/packet'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { createUpstreamClient } from './client'
import { UpstreamRequestError } from './upstream-error'

const terminal = generateTerminalKeyPair(seededRandom('client'))

function clientAnswering(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const seen: { url: string; init: RequestInit }[] = []
  const client = createUpstreamClient({
    baseUrl: 'http://upstream.test/',
    terminalId: 'station-1',
    privateKey: terminal.privateKey,
    now: () => new Date('2026-11-26T08:00:00Z'),
    randomBytes: seededRandom('nonces'),
    timeoutMs: 1000,
    fetch: (async (url: string, init: RequestInit) => {
      seen.push({ url, init })
      return answer(url, init)
    }) as typeof fetch,
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
    expect(call!.url).toBe(`http://upstream.test/v1/files/${fileId}/body?offset=0`)
    const headers = call!.init.headers as Record<string, string>
    expect(headers['content-type']).toBe('application/octet-stream')
    expect(headers['x-kiosk-terminal']).toBe('station-1')
    expect(headers['x-kiosk-signature']).toMatch(/^[A-Za-z0-9_-]{86}$/)
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
    const nonces = flaky.seen.map(
      (s) => (s.init.headers as Record<string, string>)['x-kiosk-nonce'],
    )
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
