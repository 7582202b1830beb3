import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { BRIDGE_MAX_FRAME_BYTES } from '../contract'
import { createCore, type Core } from '../core'
import {
  TEST_PASSWORD,
  TEST_PASSWORD_COST,
  signedInCaller,
  tempKioskConfig,
} from '../core/test-support'
import { HOST_ADDRESS, startHost, type RunningHost } from './host'

let core: Core
let host: RunningHost
let cleanup: () => void

beforeAll(async () => {
  const temp = tempKioskConfig()
  cleanup = temp.cleanup
  const rendererDir = mkdtempSync(join(tmpdir(), 'kiosk-renderer-'))
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>')
  mkdirSync(join(rendererDir, 'assets'))
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  core = await createCore(temp.config, { shell: 'host', passwordCost: TEST_PASSWORD_COST })
  // The accounts the bridge tests sign in with (each on its own socket).
  core.disconnect(await signedInCaller(core, 'officer'))
  core.disconnect(await signedInCaller(core, 'support'))
  core.disconnect(await signedInCaller(core, 'supervisor'))
  host = await startHost({ core, rendererDir })
})

afterAll(async () => {
  await host.close()
  await core.close()
  cleanup()
})

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: HOST_ADDRESS,
          port: host.port,
          path,
          headers: { host: `${HOST_ADDRESS}:${host.port}`, ...headers },
        },
        (res) => {
          let body = ''
          res.on('data', (c: Buffer) => (body += c.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
        },
      )
      req.on('error', reject)
      req.end()
    },
  )
}

let nextId = 1000
/** Sends one request on the socket and resolves with its reply. */
async function call(ws: WebSocket, channel: string, payload: unknown = {}) {
  const id = nextId++
  const reply = new Promise<{ ok: boolean; error?: { code: string }; value?: unknown }>(
    (resolve) => {
      const onMessage = (data: Buffer) => {
        const frame = JSON.parse(data.toString())
        if (frame.type === 'reply' && frame.id === id) {
          ws.off('message', onMessage)
          resolve(frame.reply)
        }
      }
      ws.on('message', onMessage)
    },
  )
  ws.send(JSON.stringify({ type: 'request', id, channel, payload }))
  return reply
}

/** A socket of its own with `role` signed in over the bridge. */
async function signedInSocket(
  role: 'officer' | 'support' | 'supervisor' = 'officer',
): Promise<WebSocket> {
  const ws = await openBridge(bridgeUrl(host.token))
  if (typeof ws === 'number') throw new Error(`refused: ${ws}`)
  const reply = await call(ws, 'session.signIn', {
    username: `test-${role}`,
    password: TEST_PASSWORD,
  })
  expect(reply).toMatchObject({ ok: true, value: { role } })
  return ws
}

/** Opens the bridge; resolves with the socket, or with the HTTP status it was refused with. */
function openBridge(url: string, origin: string = host.origin): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.once('error', () => resolve(-1))
  })
}

const bridgeUrl = (token: string | null) =>
  `ws://${HOST_ADDRESS}:${host.port}/bridge${token === null ? '' : `?token=${encodeURIComponent(token)}`}`

function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  )
}

describe('headless host', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries the token in the fragment', () => {
    const address = host.server.address()
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1')
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`)
    expect(host.token.length).toBeGreaterThanOrEqual(43)
  })

  it('serves the renderer with the CSP and hardening headers', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>kiosk</title>')
    expect(page.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${host.port}`,
    )
    expect(page.headers['x-content-type-options']).toBe('nosniff')
    expect((await get('/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    )
  })

  it('answers 404 for paths outside the renderer and 421 for a foreign Host header', async () => {
    expect((await get('/../../etc/passwd')).status).toBe(404)
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404)
    expect((await get('/', { host: 'attacker.example:80' })).status).toBe(421)
  })

  it.each([
    ['no token', null],
    ['a wrong token', 'not-the-token'],
    ['an empty token', ''],
  ])('refuses a WebSocket with %s', async (_label, token) => {
    expect(await openBridge(bridgeUrl(token))).toBe(401)
  })

  it('tells a page whether its token is current over plain HTTP (401 for an old address)', async () => {
    const check = (token: string | null) =>
      get(`/bridge${token === null ? '' : `?token=${encodeURIComponent(token)}`}`)
    expect((await check(host.token)).status).toBe(204)
    expect((await check('from-an-earlier-run')).status).toBe(401)
    expect((await check(null)).status).toBe(401)
    expect((await check(host.token)).body).toBe('')
  })

  it('refuses a WebSocket opened by a page from another origin, even with the token', async () => {
    expect(await openBridge(bridgeUrl(host.token), 'http://evil.example')).toBe(401)
  })

  it('carries requests and replies over the bridge with the token', async () => {
    const ws = await openBridge(bridgeUrl(host.token))
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`)
    const reply = nextFrame(ws)
    ws.send(JSON.stringify({ type: 'request', id: 1, channel: 'app.info', payload: {} }))
    expect(await reply).toMatchObject({
      type: 'reply',
      id: 1,
      reply: { ok: true, value: { shell: 'host', stationId: core.stationId } },
    })

    const schemaError = nextFrame(ws)
    ws.send(
      JSON.stringify({
        type: 'request',
        id: 2,
        channel: 'settings.setLanguage',
        payload: { language: 'xx' },
      }),
    )
    expect(await schemaError).toMatchObject({
      id: 2,
      reply: { ok: false, error: { code: 'E_SCHEMA' } },
    })

    const malformed = nextFrame(ws)
    ws.send(JSON.stringify({ type: 'request', id: 3, channel: 42 }))
    expect(await malformed).toMatchObject({
      id: 3,
      reply: { ok: false, error: { code: 'E_SCHEMA' } },
    })
    ws.close()
  })

  it('answers frames that break zod (the outside fuzzer’s value) with an error reply', async () => {
    // A supervisor may call both channels: the schema check is what is tested.
    const ws = await signedInSocket('supervisor')
    const unconvertible = { length: { toString: '' } }
    for (const [id, channel, payload] of [
      [1, 'terminal.register', { code: unconvertible }],
      [2, 'card.read', { reader: unconvertible, access: { kind: 'CAN', can: '123456' } }],
    ] as const) {
      const reply = nextFrame(ws)
      ws.send(JSON.stringify({ type: 'request', id, channel, payload }))
      expect(await reply).toMatchObject({ id, reply: { ok: false, error: { code: 'E_SCHEMA' } } })
    }
    const badChannel = nextFrame(ws)
    ws.send(JSON.stringify({ type: 'request', id: 3, channel: unconvertible, payload: {} }))
    expect(await badChannel).toMatchObject({
      id: 3,
      reply: { ok: false, error: { code: 'E_SCHEMA' } },
    })
    const still = nextFrame(ws)
    ws.send(JSON.stringify({ type: 'request', id: 4, channel: 'devices.list', payload: {} }))
    expect(await still).toMatchObject({ id: 4, reply: { ok: true } })
    ws.close()
  })

  it('binds the session to its socket: another socket, a forged id, a signed-out one get nothing', async () => {
    const first = await signedInSocket('officer')
    expect(await call(first, 'devices.list')).toMatchObject({ ok: true })
    // Same token, another socket: not signed in, whatever the first one did.
    const other = await openBridge(bridgeUrl(host.token))
    if (typeof other === 'number') throw new Error(`refused: ${other}`)
    expect(await call(other, 'devices.list')).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_SIGNED_IN', messageKey: 'messages.officers.notSignedIn' },
    })
    // A frame that names a session (forged or replayed) is not a valid frame at all.
    const forged = nextFrame(other)
    other.send(
      JSON.stringify({
        type: 'request',
        id: 7,
        channel: 'devices.list',
        payload: {},
        session: 'x',
      }),
    )
    expect(await forged).toMatchObject({ id: 7, reply: { ok: false, error: { code: 'E_SCHEMA' } } })
    expect(await call(first, 'session.signOut')).toEqual({ ok: true, value: { signedOut: true } })
    expect(await call(first, 'devices.list')).toMatchObject({
      ok: false,
      error: { code: 'E_NOT_SIGNED_IN' },
    })
    const actions = core.audit.recent(20).map((e) => e.action)
    expect(actions).toContain('officer.signedOut')
    expect(actions).toContain('access.refused')
    first.close()
    other.close()
  })

  it('refuses a channel to the wrong role, before the handler runs', async () => {
    const support = await signedInSocket('support')
    const refused = await call(support, 'card.read', { access: { kind: 'CAN', can: '123456' } })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'E_FORBIDDEN_ROLE', params: { role: 'support' } },
    })
    expect(core.audit.recent(1)[0]).toMatchObject({
      action: 'access.refused',
      details: { channel: 'card.read', reason: 'role' },
    })
    support.close()
  })

  it('sends the card read result (citizen data) only to the socket that read the card', async () => {
    const reader = await signedInSocket('officer')
    const bystander = await signedInSocket('officer')
    const seen: Record<string, string[]> = { reader: [], bystander: [] }
    reader.on('message', (d: Buffer) => seen.reader!.push(JSON.parse(d.toString()).event))
    bystander.on('message', (d: Buffer) => seen.bystander!.push(JSON.parse(d.toString()).event))
    const card = await call(reader, 'card.simulateInsert', { citizenSeed: 'bridge-test' })
    expect(card.ok).toBe(true)
    const can = (card.value as { accessKeys: { can: string } }).accessKeys.can
    const read = await call(reader, 'card.read', { access: { kind: 'CAN', can } })
    expect(read.ok).toBe(true)
    await expect.poll(() => seen.reader).toContain('card.readResult')
    expect(seen.reader).toContain('card.readStep')
    // Device events are for everyone; nothing of the read reached the other socket.
    expect(seen.bystander).not.toContain('card.readResult')
    expect(seen.bystander).not.toContain('card.readStep')
    expect(seen.bystander).not.toContain('card.readProgress')
    await call(reader, 'card.simulateRemove')
    reader.close()
    bystander.close()
  })

  it('pushes core events to connected pages', async () => {
    const ws = await openBridge(bridgeUrl(host.token))
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`)
    const frames: Record<string, unknown>[] = []
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString())))
    ws.send(
      JSON.stringify({
        type: 'request',
        id: 1,
        channel: 'settings.setLanguage',
        payload: { language: 'en' },
      }),
    )
    await expect.poll(() => frames.length).toBe(2)
    expect(frames).toContainEqual({
      type: 'event',
      event: 'app.languageChanged',
      payload: { language: 'en' },
    })
    ws.close()
  })

  it('survives a frame over the size limit: that client is dropped, the next one is served', async () => {
    const ws = await openBridge(bridgeUrl(host.token))
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send('x'.repeat(BRIDGE_MAX_FRAME_BYTES + 1))
    expect(await closed).toBe(1009)
    const next = await signedInSocket('officer')
    const reply = nextFrame(next)
    next.send(JSON.stringify({ type: 'request', id: 1, channel: 'devices.list', payload: {} }))
    expect(await reply).toMatchObject({ id: 1, reply: { ok: true } })
    next.close()
  })

  it('drops a client that sends a frame it cannot answer', async () => {
    const ws = await openBridge(bridgeUrl(host.token))
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`)
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    ws.send('this is not json')
    expect(await closed).toBe(1008)
  })
})
