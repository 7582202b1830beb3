import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  languages,
  type KioskClient,
  type Language,
  type ReplyError,
} from '../../../electron/contract'
import { ErrorNotice } from './ErrorNotice'

/** Vietnamese / English switch; the core records the change and tells every window. */
export function LanguageSwitch({ client }: { client: KioskClient }) {
  const { t, i18n } = useTranslation()
  const [error, setError] = useState<ReplyError | null>(null)

  const choose = async (language: Language) => {
    const reply = await client.settings.setLanguage({ language })
    if (reply.ok) {
      setError(null)
      await i18n.changeLanguage(reply.value.language)
    } else {
      setError(reply.error)
    }
  }

  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.resolvedLanguage === language}
          onClick={() => void choose(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
      {error && <ErrorNotice error={error} />}
    </div>
  )
}
