import { afterEach, describe, expect, it } from 'vitest'
import { apiPaths, ErrorBodySchema, publicKeyToBase64, signRequest } from '../../../protocol'
import { seededRandom } from '../../../protocol/packet/test-fixtures'
import { parse } from '../../../lib/schema'
import { registerTerminal, signedInject, testTerminal, testUpstream } from '../test-support'

// One station registered with two upstreams (say a province's and its backup): a request it
// signed for one must not be accepted by the other, which knows the same terminal key.
const envs: Awaited<ReturnType<typeof testUpstream>>[] = []
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup()
})

const terminal = testTerminal('terminal-two')
const nonces = seededRandom('two-upstreams')

async function open() {
  const env = await testUpstream()
  envs.push(env)
  return env.upstream
}

type TestUpstream = Awaited<ReturnType<typeof open>>

/** A request as the station signs it for `target`, ready to be sent anywhere. */
function signedFor(target: TestUpstream, method: 'POST', path: string, json: unknown) {
  const body = Buffer.from(JSON.stringify(json))
  const headers = signRequest(
    { method, path, body },
    {
      terminalId: terminal.terminalId,
      privateKey: terminal.keys.privateKey,
      upstreamId: target.keys.publicDocument.upstreamId,
    },
    { now: target.ctx.now, randomBytes: nonces },
  )
  return {
    method,
    url: path,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: body,
  }
}

describe('a request signed for one upstream', () => {
  it('is refused by another upstream that knows the same terminal', async () => {
    const a = await open()
    const b = await open()
    expect(a.keys.publicDocument.upstreamId).not.toBe(b.keys.publicDocument.upstreamId)
    await registerTerminal(a, terminal)
    await registerTerminal(b, terminal)
    const fileId = '0193f1d2-7a4b-7c3d-8e9f-0a1b2c3d4e5f'
    const announce = { fileId, sha256: 'ab'.repeat(32), size: 4096 }
    const captured = signedFor(a, 'POST', apiPaths.announce(), announce)

    expect((await a.app.inject(captured)).statusCode).toBe(200)
    const replayed = await b.app.inject(captured)
    expect(replayed.statusCode).toBe(421)
    expect(parse(ErrorBodySchema, replayed.json()).error.code).toBe('wrong_upstream')
    const atB = await signedInject(b, terminal, { method: 'GET', path: apiPaths.file(fileId) })
    expect(parse(ErrorBodySchema, atB.json()).error.code).toBe('unknown_file')

    // Re-labelled for B without a new signature: the signature no longer verifies.
    const relabelled = {
      ...captured,
      headers: { ...captured.headers, 'x-kiosk-upstream': b.keys.publicDocument.upstreamId },
    }
    const forged = await b.app.inject(relabelled)
    expect(forged.statusCode).toBe(401)
    expect(parse(ErrorBodySchema, forged.json()).error.code).toBe('bad_signature')

    // Signed for B, the same announcement is taken.
    expect(
      (await b.app.inject(signedFor(b, 'POST', apiPaths.announce(), announce))).statusCode,
    ).toBe(200)
  })

  it('cannot register the terminal with another upstream either', async () => {
    const a = await open()
    const b = await open()
    const register = {
      code: await b.invite(),
      terminalId: terminal.terminalId,
      publicKey: publicKeyToBase64(terminal.keys.publicKey),
    }
    const replayed = await b.app.inject(signedFor(a, 'POST', apiPaths.register(), register))
    expect(replayed.statusCode).toBe(421)
    expect(await b.ctx.repos.terminals.get(terminal.terminalId)).toBeUndefined()
  })
})
