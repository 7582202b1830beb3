import { describe, expect, it } from 'vitest'
import { KioskError } from '../contract'
import { createDispatcher, silentLogger, type Handlers } from '../core'
import {
  allowEveryCaller,
  TEST_CALLER,
  unusedOfficerHandlers,
  unusedFingerprintHandlers,
  unusedPortraitHandlers,
  unusedEnrollmentHandlers,
  unusedBarcodeHandlers,
} from '../core/test-support'
import { createIpcRouter, type IpcSender } from './ipc-router'
import { APP_ORIGIN } from './origin'

/** Channels these tests never call. */
const unused = (): never => {
  throw new Error('not used in this test')
}

const KIOSK_WEBCONTENTS = 7

const handlers: Handlers = {
  'app.info': () => ({
    appVersion: '1.0.0',
    shell: 'electron',
    language: 'vi',
    devicesMode: 'simulated',
    stationId: 's',
    upstream: { url: null, training: true },
  }),
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
}

function router() {
  const dispatched: string[] = []
  const dispatch = createDispatcher(handlers, silentLogger, () => false, allowEveryCaller)
  return {
    dispatched,
    router: createIpcRouter({
      dispatch: (channel, payload) => {
        dispatched.push(channel)
        return dispatch(channel, payload, TEST_CALLER)
      },
      isKioskWebContents: (id) => id === KIOSK_WEBCONTENTS,
      appOrigin: APP_ORIGIN,
    }),
  }
}

const kioskFrame: IpcSender = {
  webContentsId: KIOSK_WEBCONTENTS,
  frameUrl: `${APP_ORIGIN}/index.html`,
  isMainFrame: true,
}

describe('IPC router', () => {
  it('passes a valid request from the kiosk window to the core', async () => {
    const { router: r } = router()
    expect(await r.handle('settings.setLanguage', kioskFrame, { language: 'en' })).toEqual({
      ok: true,
      value: { language: 'en' },
    })
  })

  it('answers a malformed payload with a schema error', async () => {
    const { router: r } = router()
    const reply = await r.handle('settings.setLanguage', kioskFrame, { language: 42 })
    expect(reply.ok).toBe(false)
    expect(!reply.ok && reply.error.code).toBe('E_SCHEMA')
  })

  it.each<[string, IpcSender]>([
    ['another webContents', { ...kioskFrame, webContentsId: 99 }],
    ['a subframe of the kiosk window', { ...kioskFrame, isMainFrame: false }],
    ['a page navigated to another origin', { ...kioskFrame, frameUrl: 'https://evil.example/' }],
    ['a file:// page', { ...kioskFrame, frameUrl: 'file:///tmp/x.html' }],
    ['a frame with no URL', { ...kioskFrame, frameUrl: undefined }],
  ])('rejects a message from %s without reaching the core', async (_label, sender) => {
    const { router: r, dispatched } = router()
    const reply = await r.handle('app.info', sender, {})
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } })
    expect(dispatched).toEqual([])
  })
})
