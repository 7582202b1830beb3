import { useTranslation } from 'react-i18next'

/**
 * A notice in both languages, for pages that cannot reach the station and so cannot know which
 * language it is set to (no token, an old token).
 */
export function BilingualNotice({ textKey }: { textKey: string }) {
  const { t } = useTranslation()
  return (
    <div className="notice notice-error" role="alert">
      <p lang="vi">{t(textKey, { lng: 'vi' })}</p>
      <p lang="en">{t(textKey, { lng: 'en' })}</p>
    </div>
  )
}
