import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { tokenFromHash } from './kiosk-client'
import {
  createWebSocketTransport,
  type ConnectionStatus,
  type TokenCheck,
} from './websocket-transport'

/** Just enough of the browser WebSocket for the transport. */
class FakeSocket {
  static instances: FakeSocket[] = []
  sent: string[] = []
  onopen: (() => void) | null = null
  onmessage: ((m: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.instances.push(this)
  }
  send(frame: string) {
    this.sent.push(frame)
  }
  close() {
    this.onclose?.()
  }
  open() {
    this.onopen?.()
  }
  reply(id: number, reply: unknown) {
    this.onmessage?.({ data: JSON.stringify({ type: 'reply', id, reply }) })
  }
}

/** The URLs the transport asked about, and what the fake host answers (no host: unreachable). */
let tokenChecks: string[] = []
let hostAnswer: TokenCheck = 'unreachable'

function transport(timeoutMs = 1000) {
  return createWebSocketTransport({
    baseUrl: 'ws://127.0.0.1:4000',
    token: 'tok/en+',
    requestTimeoutMs: timeoutMs,
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    checkToken: (url) => {
      tokenChecks.push(url)
      return Promise.resolve(hostAnswer)
    },
  })
}

beforeEach(() => {
  FakeSocket.instances = []
  tokenChecks = []
  hostAnswer = 'unreachable'
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('WebSocket transport', () => {
  it('connects with the encoded token and sends queued requests once open', async () => {
    const t = transport()
    const answer = t.invoke('app.info', {})
    const socket = FakeSocket.instances[0]!
    expect(socket.url).toBe('ws://127.0.0.1:4000/bridge?token=tok%2Fen%2B')
    expect(socket.sent).toEqual([])
    socket.open()
    expect(JSON.parse(socket.sent[0]!)).toEqual({
      type: 'request',
      id: 1,
      channel: 'app.info',
      payload: {},
    })
    socket.reply(1, { ok: true, value: 'x' })
    await expect(answer).resolves.toEqual({ ok: true, value: 'x' })
  })

  it('fails requests in flight when the socket drops, then reconnects', async () => {
    const t = transport()
    const statuses: ConnectionStatus[] = []
    t.onStatus((s) => statuses.push(s))
    const answer = t.invoke('devices.list', {})
    FakeSocket.instances[0]!.open()
    FakeSocket.instances[0]!.close()
    await expect(answer).rejects.toThrow(/closed/)
    expect(statuses).toEqual(['closed', 'connecting', 'open', 'closed'])
    await vi.advanceTimersByTimeAsync(300)
    expect(FakeSocket.instances).toHaveLength(2)
  })

  it('never resends a request whose socket dropped, but sends one queued while disconnected', async () => {
    const t = transport(10_000)
    const inFlight = t.invoke('settings.setLanguage', { language: 'en' })
    const first = FakeSocket.instances[0]!
    first.open()
    first.close()
    await expect(inFlight).rejects.toThrow(/closed/)
    const queued = t.invoke('devices.list', {})
    await vi.advanceTimersByTimeAsync(300)
    const second = FakeSocket.instances[1]!
    second.open()
    expect(second.sent.map((f) => JSON.parse(f).channel)).toEqual(['devices.list'])
    second.reply(2, { ok: true, value: [] })
    await expect(queued).resolves.toEqual({ ok: true, value: [] })
  })

  it('keeps a queued request waiting across a failed connection attempt', async () => {
    const t = transport(10_000)
    const queued = t.invoke('app.info', {})
    FakeSocket.instances[0]!.close()
    await vi.advanceTimersByTimeAsync(300)
    FakeSocket.instances[1]!.open()
    expect(FakeSocket.instances[1]!.sent).toHaveLength(1)
    FakeSocket.instances[1]!.reply(1, { ok: true, value: 1 })
    await expect(queued).resolves.toEqual({ ok: true, value: 1 })
  })

  it('gives up on a request with no answer after the timeout', async () => {
    const t = transport(50)
    const answer = t.invoke('devices.refresh', {})
    const assertion = expect(answer).rejects.toThrow(/no answer on devices.refresh/)
    FakeSocket.instances[0]!.open()
    await vi.advanceTimersByTimeAsync(60)
    await assertion
  })

  it('delivers events to subscribers and ignores garbage frames', () => {
    const t = transport()
    const seen: unknown[] = []
    t.subscribe('devices.changed', (p) => seen.push(p))
    const socket = FakeSocket.instances[0]!
    socket.open()
    socket.onmessage?.({ data: 'not json' })
    socket.onmessage?.({ data: JSON.stringify({ type: 'mystery' }) })
    socket.onmessage?.({
      data: JSON.stringify({ type: 'event', event: 'devices.changed', payload: [] }),
    })
    expect(seen).toEqual([[]])
  })
})

describe('WebSocket transport with a token the host does not know', () => {
  it('asks the host after a socket closed before opening; a 401 makes it refused, for good', async () => {
    hostAnswer = 'refused'
    const t = transport(10_000)
    const statuses: ConnectionStatus[] = []
    t.onStatus((s) => statuses.push(s))
    const queued = t.invoke('app.info', {})
    FakeSocket.instances[0]!.close()
    await expect(queued).rejects.toThrow(/address is out of date/)
    expect(tokenChecks).toEqual(['http://127.0.0.1:4000/bridge?token=tok%2Fen%2B'])
    expect(statuses).toEqual(['closed', 'connecting', 'refused'])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(FakeSocket.instances).toHaveLength(1)
    void t.invoke('app.info', {}).catch(() => undefined)
    expect(FakeSocket.instances).toHaveLength(1)
  })

  it('keeps reconnecting when the host is down or knows the token', async () => {
    for (const answer of ['unreachable', 'current'] as const) {
      FakeSocket.instances = []
      hostAnswer = answer
      const t = transport()
      const statuses: ConnectionStatus[] = []
      t.onStatus((s) => statuses.push(s))
      t.subscribe('devices.changed', () => undefined)
      FakeSocket.instances[0]!.close()
      await vi.advanceTimersByTimeAsync(300)
      expect(statuses).toEqual(['closed', 'connecting', 'closed', 'connecting'])
      expect(FakeSocket.instances).toHaveLength(2)
      t.close()
    }
  })

  it('does not ask about the token when an open socket drops', async () => {
    hostAnswer = 'refused'
    const t = transport()
    t.subscribe('devices.changed', () => undefined)
    FakeSocket.instances[0]!.open()
    FakeSocket.instances[0]!.close()
    await vi.advanceTimersByTimeAsync(300)
    expect(tokenChecks).toEqual([])
    expect(FakeSocket.instances).toHaveLength(2)
  })
})

describe('tokenFromHash', () => {
  it('reads the token from the fragment', () => {
    expect(tokenFromHash('#token=abc-_1')).toBe('abc-_1')
    expect(tokenFromHash('')).toBeNull()
    expect(tokenFromHash('#other=1')).toBeNull()
  })
})
