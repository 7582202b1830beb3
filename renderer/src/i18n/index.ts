import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../electron/contract'
import en from '../../../resources/locales/en.json'
import vi from '../../../resources/locales/vi.json'

export const resources = { vi: { translation: vi }, en: { translation: en } } as const

/** Vietnamese is the kiosk's language; English is for support staff and foreign citizens. */
export async function createI18n(language: Language = 'vi'): Promise<i18n> {
  const instance = i18next.createInstance()
  await instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    supportedLngs: ['vi', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}
