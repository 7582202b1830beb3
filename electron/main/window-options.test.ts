import { describe, expect, it } from 'vitest'
import { createKioskWindowOptions } from './window-options'

describe('kiosk window options', () => {
  it.each([true, false])(
    'are sandboxed and isolated, with no Node in the page (packaged=%s)',
    (packaged) => {
      const { webPreferences } = createKioskWindowOptions({
        packaged,
        preloadPath: '/app/preload/index.cjs',
      })
      expect(webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: '/app/preload/index.cjs',
      })
      // Security checklist 9 and 10: no experimental web platform features, no Blink features.
      expect(webPreferences?.experimentalFeatures).toBe(false)
      expect(webPreferences).not.toHaveProperty('enableBlinkFeatures')
    },
  )

  it('runs fullscreen in kiosk mode without devtools when packaged', () => {
    const options = createKioskWindowOptions({ packaged: true, preloadPath: 'p' })
    expect(options.kiosk).toBe(true)
    expect(options.fullscreen).toBe(true)
    expect(options.webPreferences?.devTools).toBe(false)
  })

  it('keeps a normal window with devtools in development', () => {
    const options = createKioskWindowOptions({ packaged: false, preloadPath: 'p' })
    expect(options.kiosk).toBe(false)
    expect(options.webPreferences?.devTools).toBe(true)
  })
})
