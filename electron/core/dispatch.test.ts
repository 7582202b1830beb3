import { describe, expect, it } from 'vitest'
import {
  allowEveryCaller,
  fromTestCaller,
  unusedOfficerHandlers,
  unusedFingerprintHandlers,
  unusedPortraitHandlers,
  unusedEnrollmentHandlers,
  unusedBarcodeHandlers,
} from './test-support'
import { KioskError } from '../contract'
import { createDispatcher, type Handlers } from './dispatch'
import { silentLogger } from './log'

/** Channels these tests never call. */
const unused = (): never => {
  throw new Error('not used in this test')
}

const info = {
  appVersion: '1.0.0',
  shell: 'host' as const,
  language: 'vi' as const,
  devicesMode: 'simulated' as const,
  stationId: 'station-1',
  upstream: { url: null, training: true },
}

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.info': () => info,
    'devices.list': () => [],
    'devices.refresh': () => [],
    'settings.setLanguage': ({ language }) => ({ language }),
    'card.readers': () => ({ source: 'simulated', readers: [] }),
    'card.read': () => {
      throw new KioskError('E_NO_CARD', 'no card')
    },
    'card.simulateInsert': () => {
      throw new KioskError('E_NOT_SIMULATED', 'training only')
    },
    'card.simulateRemove': () => ({ removed: false }),
    'queue.status': unused,
    'queue.list': unused,
    'queue.retry': unused,
    'sync.now': unused,
    'terminal.register': unused,
    ...unusedOfficerHandlers,
    ...unusedPortraitHandlers,
    ...unusedEnrollmentHandlers,
    ...unusedFingerprintHandlers,
    ...unusedBarcodeHandlers,
    ...overrides,
  }
}

describe('dispatcher', () => {
  it('runs the handler and wraps its value', async () => {
    const dispatch = fromTestCaller(
      createDispatcher(handlers(), silentLogger, () => false, allowEveryCaller),
    )
    expect(await dispatch('settings.setLanguage', { language: 'en' })).toEqual({
      ok: true,
      value: { language: 'en' },
    })
  })

  it.each([
    ['a wrong value', { language: 'fr' }],
    ['a missing field', {}],
    ['an unknown key', { language: 'vi', extra: 1 }],
    ['not an object', 'vi'],
    ['null', null],
  ])('answers %s with E_SCHEMA and never calls the handler', async (_label, payload) => {
    let called = false
    const dispatch = fromTestCaller(
      createDispatcher(
        handlers({
          'settings.setLanguage': ({ language }) => {
            called = true
            return { language }
          },
        }),
        silentLogger,
        () => false,
        allowEveryCaller,
      ),
    )
    const reply = await dispatch('settings.setLanguage', payload)
    expect(reply.ok).toBe(false)
    if (!reply.ok) {
      expect(reply.error.code).toBe('E_SCHEMA')
      expect(reply.error.message).toContain('settings.setLanguage')
    }
    expect(called).toBe(false)
  })

  // The fuzzer's payload for terminal.register; card.read's string field is `reader`.
  const unconvertible = { length: { toString: '' } }
  it.each([
    ['terminal.register', { code: unconvertible }],
    ['card.read', { reader: unconvertible, access: { kind: 'CAN', can: '123456' } }],
  ])('answers %s with E_SCHEMA when the input breaks zod', async (channel, payload) => {
    let called = false
    const refuse = (): never => {
      called = true
      throw new Error('the handler must not run')
    }
    const dispatch = fromTestCaller(
      createDispatcher(
        handlers({ 'terminal.register': refuse, 'card.read': refuse }),
        silentLogger,
        () => false,
        allowEveryCaller,
      ),
    )
    const reply = await dispatch(channel, payload)
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error.code).toBe('E_SCHEMA')
    expect(!reply.ok && reply.error.message).toContain(channel)
    expect(called).toBe(false)
  })

  it('answers an undeclared channel with E_UNKNOWN_CHANNEL', async () => {
    const dispatch = fromTestCaller(
      createDispatcher(handlers(), silentLogger, () => false, allowEveryCaller),
    )
    const reply = await dispatch('system.exec', {})
    expect(!reply.ok && reply.error.code).toBe('E_UNKNOWN_CHANNEL')
    // Object prototype keys are not channels either.
    expect(!(await dispatch('constructor', {})).ok).toBe(true)
  })

  it('keeps the code of a KioskError and hides other exceptions behind E_INTERNAL', async () => {
    const dispatch = fromTestCaller(
      createDispatcher(
        handlers({
          'devices.list': () => {
            throw new KioskError('E_DEVICE', 'reader unplugged')
          },
          'devices.refresh': () => {
            throw new Error('SQLITE_BUSY at /secret/path')
          },
        }),
        silentLogger,
        () => false,
        allowEveryCaller,
      ),
    )
    expect(await dispatch('devices.list', {})).toEqual({
      ok: false,
      error: { code: 'E_DEVICE', message: 'reader unplugged' },
    })
    const hidden = await dispatch('devices.refresh', {})
    expect(hidden).toEqual({
      ok: false,
      error: { code: 'E_INTERNAL', message: 'devices.refresh: internal error' },
    })
  })

  it('refuses to send an answer that breaks the output schema', async () => {
    const dispatch = fromTestCaller(
      createDispatcher(
        handlers({ 'app.info': () => ({ ...info, language: 'fr' }) as unknown as typeof info }),
        silentLogger,
        () => false,
        allowEveryCaller,
      ),
    )
    const reply = await dispatch('app.info', {})
    expect(!reply.ok && reply.error.code).toBe('E_INTERNAL')
  })

  it('answers E_CLOSED once the core is closing', async () => {
    const dispatch = fromTestCaller(
      createDispatcher(handlers(), silentLogger, () => true, allowEveryCaller),
    )
    const reply = await dispatch('app.info', {})
    expect(!reply.ok && reply.error.code).toBe('E_CLOSED')
  })
})
