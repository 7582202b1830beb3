import { describe, expect, it } from 'vitest'
import { APP_ORIGIN, isAllowedNavigation, isAllowedRequest, originOf } from './origin'

describe('origins', () => {
  it('derives the origin of our custom scheme', () => {
    expect(originOf('app://kiosk/index.html#x')).toBe(APP_ORIGIN)
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173')
    expect(originOf('not a url')).toBeNull()
    expect(originOf(undefined)).toBeNull()
  })

  it('allows navigation only within our origin', () => {
    expect(isAllowedNavigation('app://kiosk/index.html', APP_ORIGIN)).toBe(true)
    expect(isAllowedNavigation('https://vneid.gov.vn', APP_ORIGIN)).toBe(false)
    expect(isAllowedNavigation('app://kiosk.evil/index.html', APP_ORIGIN)).toBe(false)
    expect(isAllowedNavigation('file:///etc/passwd', APP_ORIGIN)).toBe(false)
  })

  it('cancels requests for remote content', () => {
    expect(isAllowedRequest('app://kiosk/assets/index.js', APP_ORIGIN)).toBe(true)
    expect(isAllowedRequest('data:image/png;base64,AAAA', APP_ORIGIN)).toBe(true)
    expect(isAllowedRequest('blob:app://kiosk/1234', APP_ORIGIN)).toBe(true)
    expect(isAllowedRequest('https://fonts.example/font.woff2', APP_ORIGIN)).toBe(false)
    expect(isAllowedRequest('http://127.0.0.1:4000/', APP_ORIGIN)).toBe(false)
  })

  it('lets the development server reach its own HMR socket', () => {
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAllowedRequest('ws://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })
})
