import { useTranslation } from 'react-i18next'
import type { ReadinessFailure, StationReadiness } from '../../../../electron/contract'

/**
 * Whether an enrollment can start, every condition that stops it with what to do, and the
 * primary action: "start enrollment", disabled with the reason while the station is not ready.
 */
export function ReadinessPanel({
  readiness,
  onStartEnrollment,
}: {
  /** Null while the queue status has not arrived yet. */
  readiness: StationReadiness | null
  onStartEnrollment?: (recreates?: string) => void
}) {
  const { t } = useTranslation()
  const ready = readiness?.ready === true
  const headline = !readiness
    ? t('home.readinessLoading')
    : ready
      ? t('home.ready')
      : t('home.notReady')
  return (
    <section className="readiness-panel" aria-live="polite">
      <p
        className={`readiness ${ready ? 'is-ready' : 'is-not-ready'}`}
        data-testid="readiness"
        aria-busy={!readiness}
      >
        {headline}
      </p>
      {readiness && !ready && (
        <ul className="readiness-failures" data-testid="readiness-failures">
          {readiness.failing.map((failure) => (
            <FailureLine key={`${failure.code}:${failure.params.kind ?? ''}`} failure={failure} />
          ))}
        </ul>
      )}
      {onStartEnrollment && (
        <div className="primary-action">
          <button
            type="button"
            className="primary"
            disabled={!ready}
            aria-describedby={ready ? undefined : 'start-blocked'}
            onClick={() => onStartEnrollment()}
          >
            {t('home.start')}
          </button>
          {!ready && (
            <p id="start-blocked" className="detail">
              {t('home.startBlocked')}
            </p>
          )}
        </div>
      )}
    </section>
  )
}

function FailureLine({ failure }: { failure: ReadinessFailure }) {
  const { t } = useTranslation()
  const { kind, detail } = failure.params
  const device = kind ? t(`devices.kind.${kind}`) : ''
  return (
    <li data-code={failure.code}>
      <span>{t(`home.readiness.${failure.code}`, { device })}</span>
      {detail && <small className="detail">{detail}</small>}
    </li>
  )
}
