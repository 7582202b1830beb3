import { useTranslation } from 'react-i18next'
import type { FingerState } from '../../../../electron/contract'
import { QualityText } from './FingerList'
import type { FingerprintFlow } from './use-fingerprint-flow'

/** The capture actions the finger's state allows: capture, retry (keeping the best), or none. */
function captureLabel(state: FingerState): 'capture' | 'retry' | null {
  if (state.missing) return null
  if (state.status === 'pending') return 'capture'
  if (state.status === 'retry') return 'retry'
  return null
}

/**
 * The selected finger: what to do now (the capture's phase), the live preview from the scanner,
 * the best quality kept with its source, and the capture, retry and stop buttons.
 */
export function CapturePanel({ flow, state }: { flow: FingerprintFlow; state: FingerState }) {
  const { t } = useTranslation()
  const name = t(`fingerprints.fingers.${state.finger}`)
  const action = captureLabel(state)
  const preview = flow.preview?.finger === state.finger ? flow.preview : null
  const instruction = flow.capturing
    ? t(`fingerprints.phase.${flow.phase ?? 'connecting'}`)
    : t(`fingerprints.next.${state.status}`)
  return (
    <div className="capture-panel" data-testid="capture-panel">
      <h3>{t('fingerprints.current', { finger: name })}</h3>
      <p role="status" data-testid="fingerprint-instruction">
        {instruction}
      </p>
      <div className="finger-preview">
        {preview ? (
          <img
            src={preview.src}
            width={preview.width}
            height={preview.height}
            alt={t('fingerprints.preview', { finger: name })}
            data-testid="finger-preview"
          />
        ) : (
          <span>{t('fingerprints.noPreview')}</span>
        )}
      </div>
      <p data-testid="finger-quality">
        {t('fingerprints.best')} <QualityText quality={state.best} />
      </p>
      {state.status === 'retry' && (
        <p className="notice" data-testid="retry-hint">
          {t('fingerprints.retryHint', { left: state.remainingAttempts })}
        </p>
      )}
      {state.status === 'best-kept' && (
        <p className="notice" data-testid="best-kept-hint">
          {t('fingerprints.bestKeptHint')}
        </p>
      )}
      <div className="actions">
        {flow.capturing ? (
          <button type="button" onClick={flow.cancel}>
            {t('fingerprints.stop')}
          </button>
        ) : (
          action && (
            <button type="button" className="primary" onClick={flow.capture}>
              {action === 'retry' ? t('fingerprints.retry') : t('fingerprints.capture')}
            </button>
          )
        )}
      </div>
    </div>
  )
}
