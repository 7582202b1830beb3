import { describe, expect, it } from 'vitest'
import { createKioskClient, type ContractTransport } from './client'
import type { EventName, RequestChannel } from './channels'

function fakeTransport(answer: (channel: RequestChannel, payload: unknown) => unknown) {
  const listeners = new Map<EventName, (payload: unknown) => void>()
  const calls: [RequestChannel, unknown][] = []
  const transport: ContractTransport = {
    async invoke(channel, payload) {
      calls.push([channel, payload])
      return answer(channel, payload)
    },
    subscribe(event, listener) {
      listeners.set(event, listener)
      return () => listeners.delete(event)
    },
  }
  return {
    transport,
    calls,
    emit: (event: EventName, payload: unknown) => listeners.get(event)?.(payload),
  }
}

describe('createKioskClient', () => {
  it('groups channels by namespace and sends the channel name with the payload', async () => {
    const fake = fakeTransport(() => ({ ok: true, value: { language: 'en' } }))
    const client = createKioskClient(fake.transport)
    const reply = await client.settings.setLanguage({ language: 'en' })
    expect(reply).toEqual({ ok: true, value: { language: 'en' } })
    expect(fake.calls).toEqual([['settings.setLanguage', { language: 'en' }]])
  })

  it('passes an error reply through unchanged', async () => {
    const error = { code: 'E_SCHEMA', message: 'bad' }
    const client = createKioskClient(fakeTransport(() => ({ ok: false, error })).transport)
    expect(await client.devices.list({})).toEqual({ ok: false, error })
  })

  it('turns a transport failure into E_TRANSPORT instead of throwing', async () => {
    const client = createKioskClient(
      fakeTransport(() => {
        throw new Error('socket closed')
      }).transport,
    )
    expect(await client.app.info({})).toEqual({
      ok: false,
      error: { code: 'E_TRANSPORT', message: 'socket closed' },
    })
  })

  it('rejects a reply that does not match the output schema', async () => {
    const client = createKioskClient(
      fakeTransport(() => ({ ok: true, value: [{ id: 1 }] })).transport,
    )
    const reply = await client.devices.list({})
    expect(reply.ok).toBe(false)
    if (!reply.ok) expect(reply.error.code).toBe('E_BAD_REPLY')
  })

  it('delivers valid events and drops ones that break the schema', () => {
    const fake = fakeTransport(() => null)
    const client = createKioskClient(fake.transport)
    const seen: unknown[] = []
    const stop = client.on('app.languageChanged', (payload) => seen.push(payload))
    fake.emit('app.languageChanged', { language: 'en' })
    fake.emit('app.languageChanged', { language: 'fr' })
    stop()
    fake.emit('app.languageChanged', { language: 'vi' })
    expect(seen).toEqual([{ language: 'en' }])
  })
})
