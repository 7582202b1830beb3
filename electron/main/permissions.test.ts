import { describe, expect, it } from 'vitest'
import { APP_ORIGIN } from './origin'
import { createPermissionPolicy } from './permissions'

const policy = createPermissionPolicy(APP_ORIGIN)
const page = `${APP_ORIGIN}/index.html`

describe('permission policy', () => {
  it('grants the camera to our own page', () => {
    expect(policy.request('media', { requestingUrl: page, mediaTypes: ['video'] })).toBe(true)
    expect(policy.check('media', APP_ORIGIN, 'video')).toBe(true)
  })

  it('refuses the microphone, even together with the camera', () => {
    expect(policy.request('media', { requestingUrl: page, mediaTypes: ['audio'] })).toBe(false)
    expect(policy.request('media', { requestingUrl: page, mediaTypes: ['video', 'audio'] })).toBe(
      false,
    )
    expect(policy.request('media', { requestingUrl: page, mediaTypes: [] })).toBe(false)
    expect(policy.check('media', APP_ORIGIN, 'audio')).toBe(false)
  })

  it('refuses the camera to any other origin', () => {
    expect(
      policy.request('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }),
    ).toBe(false)
    expect(policy.request('media', { mediaTypes: ['video'] })).toBe(false)
    expect(policy.check('media', 'http://127.0.0.1:9', 'video')).toBe(false)
  })

  it.each([
    'notifications',
    'geolocation',
    'clipboard-read',
    'usb',
    'serial',
    'hid',
    'openExternal',
    'fullscreen',
  ])('refuses %s', (permission) => {
    expect(policy.request(permission, { requestingUrl: page })).toBe(false)
    expect(policy.check(permission, APP_ORIGIN)).toBe(false)
  })
})
