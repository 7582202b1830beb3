import { describe, expect, it } from 'vitest'
import { createI18n } from './index'

// What the locale files must hold (same keys and placeholders in both languages, no empty text,
// every key the code uses) is checked once for the whole project: tests/unit/message-catalogue.test.ts.
describe('renderer i18n', () => {
  it('starts in Vietnamese and switches to English', async () => {
    const i18n = await createI18n()
    expect(i18n.t('devices.title')).toBe('Tình trạng thiết bị')
    await i18n.changeLanguage('en')
    expect(i18n.t('devices.title')).toBe('Device health')
  })

  it('fills placeholders the way lib/messages does', async () => {
    const i18n = await createI18n('en')
    expect(i18n.t('app.trainingUpstreamAt', { url: 'http://127.0.0.1:9' })).toBe(
      'on this computer, http://127.0.0.1:9: files reach no real intake server',
    )
    expect(i18n.t('messages.sw.AUTHENTICATION_FAILED_RETRIES', { retriesLeft: 1 })).toBe(
      'Authentication failed, 1 tries left',
    )
  })
})
