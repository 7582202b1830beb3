import { useTranslation } from 'react-i18next'
import type { CameraProblem } from './camera'

/** No preview: what happened, in the current language, and the way forward. */
export function CameraProblemPanel({
  problem,
  detail,
  onRetry,
}: {
  problem: CameraProblem
  detail: string
  onRetry: () => void
}) {
  const { t } = useTranslation()
  return (
    <div
      className="notice notice-error"
      role="alert"
      data-testid="camera-problem"
      data-problem={problem}
    >
      <strong>{t(`portrait.problems.${problem}.title`)}</strong>
      <span>{t(`portrait.problems.${problem}.hint`, { size: detail })}</span>
      <div className="actions">
        <button type="button" className="primary" onClick={onRetry}>
          {t('portrait.retry')}
        </button>
      </div>
    </div>
  )
}

/** The camera chooser: every video input, the one in use selected. */
export function CameraChooser({
  cameras,
  chosen,
  onChoose,
}: {
  cameras: readonly { deviceId: string; label: string }[]
  chosen: string | null
  onChoose: (deviceId: string) => void
}) {
  const { t } = useTranslation()
  return (
    <div className="field camera-chooser">
      <label htmlFor="portrait-camera">{t('portrait.chooseCamera')}</label>
      <select
        id="portrait-camera"
        value={chosen ?? ''}
        disabled={cameras.length === 0}
        onChange={(e) => onChoose(e.target.value)}
      >
        {cameras.length === 0 && <option value="">{t('portrait.noCameras')}</option>}
        {cameras.map((c, i) => (
          <option key={c.deviceId} value={c.deviceId}>
            {c.label || t('portrait.cameraN', { n: i + 1 })}
          </option>
        ))}
      </select>
    </div>
  )
}
