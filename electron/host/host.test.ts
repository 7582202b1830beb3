import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { BRIDGE_MAX_FRAME_BYTES } from '../contract'
import { createCore, type Core } from '../core'
import { tempKioskConfig } from '../core/test-support'
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
  core = await createCore(temp.config, { shell: 'host' })
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
    const ws = await openBridge(bridgeUrl(host.token))
    if (typeof ws === 'number') throw new Error(`refused: ${ws}`)
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
    const next = await openBridge(bridgeUrl(host.token))
    if (typeof next === 'number') throw new Error(`refused: ${next}`)
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
