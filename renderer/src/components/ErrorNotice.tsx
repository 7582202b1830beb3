import { useTranslation } from 'react-i18next'
import type { ReplyError } from '../../../electron/contract'

/**
 * A failed request: the exact sentence the core named (`messageKey` with its `params`) when it sent
 * one this renderer knows, else the localized meaning of its code; the technical detail for support.
 */
export function ErrorNotice({ error }: { error: ReplyError }) {
  const { t, i18n } = useTranslation()
  const key = error.messageKey
  const text =
    key !== undefined && i18n.exists(key) ? t(key, error.params ?? {}) : t(`errors.${error.code}`)
  return (
    <div className="notice notice-error" role="alert">
      <strong>{text}</strong>
      <small className="detail">{error.message}</small>
    </div>
  )
}
