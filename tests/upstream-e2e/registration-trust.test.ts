import { afterEach, describe, expect, it } from 'vitest'
import { formatRegistrationCode, RESPONSE_HEADERS } from '../../protocol'
import { generateTerminalKeyPair } from '../../protocol/packet'
import { seededRandom } from '../../protocol/packet/test-fixtures'
import { testUpstream } from '../../upstream/server/test-support'
import {
  createUpstreamClient,
  registerTerminal,
  type UpstreamFetch,
} from '../../electron/core/sync'

const terminal = generateTerminalKeyPair(seededRandom('registration'))
const envs: Awaited<ReturnType<typeof testUpstream>>[] = []
afterEach(async () => {
  for (const env of envs.splice(0)) await env.cleanup()
})

type Env = Awaited<ReturnType<typeof testUpstream>>
interface Seen {
  method: string
  path: string
}

/**
 * A station's client of the reference upstream in `env` (through fastify's inject, so every
 * answer is the upstream's own, signed by its hook); `alter` may change an answer on the way.
 */
function stationOf(env: Env, alter: (path: string, response: Response) => Response = (_, r) => r) {
  const seen: Seen[] = []
  const fetch: UpstreamFetch = async (url, init) => {
    const target = new URL(url)
    const path = `${target.pathname}${target.search}`
    seen.push({ method: init.method, path })
    const injected = await env.upstream.app.inject({
      method: init.method as 'GET' | 'POST',
      url: path,
      headers: init.headers,
      ...(init.body ? { payload: Buffer.from(init.body) } : {}),
    })
    const headers = new Headers()
    for (const [name, value] of Object.entries(injected.headers))
      if (typeof value === 'string') headers.set(name, value)
    return alter(
      path,
      new Response(new Uint8Array(injected.rawPayload), { status: injected.statusCode, headers }),
    )
  }
  const client = createUpstreamClient({
    baseUrl: 'https://upstream.test',
    terminalId: 'station-1',
    privateKey: terminal.privateKey,
    now: env.clock.now,
    randomBytes: seededRandom('registration-nonces'),
    timeoutMs: 5000,
    trust: () => null,
    fetch,
  })
  const register = (code: string, pinnedKeys?: Env['upstream']['keys']['publicDocument']) =>
    registerTerminal({
      client,
      terminalId: 'station-1',
      terminal,
      code,
      ...(pinnedKeys ? { pinnedKeys } : {}),
    })
  const registeredAtUpstream = () => env.upstream.ctx.repos.terminals.get('station-1')
  return { register, seen, registeredAtUpstream }
}

async function openTestUpstream() {
  const env = await testUpstream()
  envs.push(env)
  return env
}

const probe = { method: 'GET', path: '/v1/upstream' }

describe('registering a station with a registration code', () => {
  it('registers when the upstream holds the keys the code names', async () => {
    const env = await openTestUpstream()
    const station = stationOf(env)
    const keys = env.upstream.keys.publicDocument
    const registration = await station.register(await env.upstream.registrationCode())
    expect(registration).toMatchObject({
      terminalId: 'station-1',
      keyId: terminal.keyId,
      upstreamId: keys.upstreamId,
      upstreamUrl: 'https://upstream.test',
      signingPublicKey: keys.signing.publicKey,
      encryptionPublicKey: keys.encryption.publicKey,
    })
    expect(station.seen).toEqual([probe, { method: 'POST', path: '/v1/terminals' }])
    expect((await station.registeredAtUpstream())?.keyId).toBe(terminal.keyId)
  })

  it('refuses an upstream whose keys differ from the fingerprint, sending it nothing', async () => {
    const env = await openTestUpstream()
    const other = await openTestUpstream()
    const station = stationOf(env)
    // This upstream's invite, but the fingerprint of another upstream's keys.
    const code = formatRegistrationCode(
      await env.upstream.invite(),
      other.upstream.keys.publicDocument,
    )
    const refusal = station.register(code)
    await expect(refusal).rejects.toMatchObject({
      name: 'RegistrationError',
      messageKey: 'messages.sync.wrongFingerprint',
      params: { url: 'https://upstream.test' },
    })
    await expect(refusal).rejects.toThrow(/ \/ The upstream at https:\/\/upstream\.test does not/)
    expect(station.seen).toEqual([probe])
    expect(await station.registeredAtUpstream()).toBeUndefined()
  })

  it('refuses a mistyped code or one without fingerprint before any request', async () => {
    const env = await openTestUpstream()
    const station = stationOf(env)
    const code = await env.upstream.registrationCode()
    const typo = code.replace(/^./, (c) => (c === '7' ? '8' : '7'))
    await expect(station.register(typo)).rejects.toMatchObject({
      messageKey: 'messages.sync.registrationCodeCheck',
    })
    await expect(station.register(code.slice(0, 20))).rejects.toMatchObject({
      messageKey: 'messages.sync.registrationCodeLength',
    })
    await expect(station.register(await env.upstream.invite())).rejects.toMatchObject({
      messageKey: 'messages.sync.registrationCodeWithoutFingerprint',
    })
    expect(station.seen).toEqual([])
  })

  it('takes a bare invite when the installer pinned the keys, and only for those keys', async () => {
    const env = await openTestUpstream()
    const other = await openTestUpstream()
    const station = stationOf(env)
    await expect(
      station.register(await env.upstream.invite(), other.upstream.keys.publicDocument),
    ).rejects.toMatchObject({ messageKey: 'messages.sync.pinnedKeysDiffer' })
    expect(station.seen).toEqual([probe])
    expect(await station.registeredAtUpstream()).toBeUndefined()
    const registration = await station.register(
      await env.upstream.invite(),
      env.upstream.keys.publicDocument,
    )
    expect(registration.upstreamId).toBe(env.upstream.keys.publicDocument.upstreamId)
  })

  it('refuses a registration answer unsigned or signed by another key', async () => {
    const env = await openTestUpstream()
    const cases = [
      {
        alter: (response: Response) => {
          response.headers.delete(RESPONSE_HEADERS.signature)
          return response
        },
        key: 'messages.sync.unsignedAnswer',
      },
      {
        alter: (response: Response) => {
          // A well-formed signature, but not this upstream's.
          const forged = Buffer.alloc(64, 7).toString('base64url')
          response.headers.set(RESPONSE_HEADERS.signature, forged)
          return response
        },
        key: 'messages.sync.badAnswerSignature',
      },
    ]
    for (const { alter, key } of cases) {
      const station = stationOf(env, (path, response) =>
        path === '/v1/terminals' ? alter(response) : response,
      )
      await expect(station.register(await env.upstream.registrationCode())).rejects.toMatchObject({
        name: 'RegistrationError',
        messageKey: key,
      })
    }
  })
})
