import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/** "Cancel the file", asked once more: cancelling deletes every citizen detail entered. */
export function CancelEnrollment({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  if (!asking)
    return (
      <button type="button" className="danger" disabled={busy} onClick={() => setAsking(true)}>
        {t('enrollment.flow.cancel')}
      </button>
    )
  return (
    <div role="alertdialog" aria-labelledby="cancel-question" className="cancel-confirm">
      <p id="cancel-question">{t('enrollment.flow.cancelQuestion')}</p>
      <button type="button" className="danger" disabled={busy} onClick={onCancel}>
        {t('enrollment.flow.cancelYes')}
      </button>
      <button type="button" autoFocus onClick={() => setAsking(false)}>
        {t('enrollment.flow.cancelNo')}
      </button>
    </div>
  )
}
