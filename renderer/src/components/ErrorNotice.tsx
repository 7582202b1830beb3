import { useTranslation } from 'react-i18next'
import type { ReplyError } from '../../../electron/contract'

/** A failed request: the localized meaning of its code, and the technical detail for support. */
export function ErrorNotice({ error }: { error: ReplyError }) {
  const { t } = useTranslation()
  return (
    <div className="notice notice-error" role="alert">
      <strong>{t(`errors.${error.code}`)}</strong>
      <small className="detail">{error.message}</small>
    </div>
  )
}
