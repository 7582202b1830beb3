import type { LightMyRequestResponse } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import {
  apiPaths,
  publicKeyFromBase64,
  readResponseSignature,
  RESPONSE_HEADERS,
  sha256Hex,
  signRequest,
  verifyResponse,
  type UpstreamTrust,
} from '../../../protocol'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { registerTerminal, testTerminal, testUpstream } from '../test-support'

const envs: Awaited<ReturnType<typeof testUpstream>>[] = []
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup()
})

async function openTestUpstream() {
  const env = await testUpstream()
  envs.push(env)
  const keys = env.upstream.keys.publicDocument
  const trust: UpstreamTrust = {
    upstreamId: keys.upstreamId,
    signingKey: publicKeyFromBase64(keys.signing.publicKey),
  }
  return { ...env, trust }
}

type Injected = LightMyRequestResponse

/** The kiosk's check of one injected answer, against the request that was sent. */
function verdictOf(
  response: Injected,
  request: { method: string; url: string; nonce?: string; body?: Buffer },
  trust: UpstreamTrust,
) {
  const claims = readResponseSignature((name) => {
    const value = response.headers[name]
    return typeof value === 'string' ? value : undefined
  })
  return verifyResponse(
    {
      method: request.method,
      path: request.url,
      nonce: request.nonce,
      requestSha256: sha256Hex(request.body ?? Buffer.alloc(0)),
      status: response.statusCode,
      body: response.rawPayload,
    },
    claims,
    trust,
  )
}

describe('signed answers of the sync API', () => {
  it('signs the probe, bound to the nonce it was sent', async () => {
    const { upstream, trust } = await openTestUpstream()
    const nonce = 'N'.repeat(24)
    const response = await upstream.app.inject({
      method: 'GET',
      url: apiPaths.info(),
      headers: { 'x-kiosk-nonce': nonce },
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers[RESPONSE_HEADERS.upstream]).toBe(trust.upstreamId)
    const request = { method: 'GET', url: apiPaths.info(), nonce }
    expect(verdictOf(response, request, trust)).toEqual({ ok: true })
    // The same answer presented for a request with another nonce does not verify.
    expect(verdictOf(response, { ...request, nonce: 'M'.repeat(24) }, trust)).toEqual({
      ok: false,
      problem: 'bad-signature',
    })
  })

  it('signs signed calls and refusals alike, bound to the request body', async () => {
    const { upstream, trust } = await openTestUpstream()
    const terminal = testTerminal('terminal-sign')
    await registerTerminal(upstream, terminal)
    const json = { fileId: 'no-such-file', sha256: 'a'.repeat(64), size: -1 }
    const body = Buffer.from(JSON.stringify(json))
    const headers = signRequest(
      { method: 'POST', path: apiPaths.announce(), body },
      {
        terminalId: terminal.terminalId,
        privateKey: terminal.keys.privateKey,
        upstreamId: trust.upstreamId,
      },
      { now: upstream.ctx.now, randomBytes: seededRandom('sign-responses') },
    )
    const refused = await upstream.app.inject({
      method: 'POST',
      url: apiPaths.announce(),
      headers: { ...headers, 'content-type': 'application/json' },
      payload: body,
    })
    expect(refused.statusCode).toBe(400)
    const nonce = headers['x-kiosk-nonce']
    const request = { method: 'POST', url: apiPaths.announce(), nonce, body }
    expect(verdictOf(refused, request, trust)).toEqual({ ok: true })
    expect(verdictOf(refused, { ...request, body: Buffer.from('{}') }, trust).ok).toBe(false)

    const unsigned = await upstream.app.inject({ method: 'GET', url: apiPaths.status() })
    expect(unsigned.statusCode).toBe(401)
    expect(verdictOf(unsigned, { method: 'GET', url: apiPaths.status() }, trust)).toEqual({
      ok: true,
    })
  })

  it('leaves the review pages, which are for people, unsigned', async () => {
    const { upstream } = await openTestUpstream()
    const response = await upstream.app.inject({ method: 'GET', url: '/review/' })
    expect(response.headers[RESPONSE_HEADERS.signature]).toBeUndefined()
  })
})
