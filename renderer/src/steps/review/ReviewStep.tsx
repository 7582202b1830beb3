import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'
import { ConsentNotice } from './ConsentNotice'
import { ExceptionList } from './ExceptionList'
import { ReviewSummary } from './ReviewSummary'

/**
 * Step 7: the whole file, every verdict and exception, the citizen's consent, and the submit.
 * A refused submit (frozen station, missing approval) leaves the enrollment here as it was.
 */
export function ReviewStep({ client, api }: StepProps) {
  const { t } = useTranslation()
  const { view } = api
  return (
    <section className="step step-review" aria-labelledby="step-title">
      <StepHeading step="review" title={t('enrollment.review.title')} />
      <p className="intro">{t('enrollment.review.intro')}</p>
      <ReviewSummary
        view={view}
        busy={api.busy}
        onEdit={(step) => void api.send({ type: 'edit', step })}
      />
      <ExceptionList
        client={client}
        exceptions={view.exceptions}
        onApproved={() => void api.refresh()}
      />
      <ConsentNotice
        key={view.consent?.textSha256 ?? 'none'}
        consent={view.consent}
        busy={api.busy}
        onAccept={(language, purposes) =>
          void api.send({ type: 'consent.accept', language, purposes })
        }
      />
      {api.error && (
        <div data-testid="submit-error" data-code={api.error.code}>
          <ErrorNotice error={api.error} />
          {api.error.code === 'E_FROZEN' && (
            <p className="detail">{t('enrollment.review.frozen')}</p>
          )}
        </div>
      )}
      <div className="step-actions">
        <button
          type="button"
          className="primary"
          disabled={api.busy}
          onClick={() => void api.send({ type: 'submit' })}
        >
          {t('enrollment.review.submit')}
        </button>
      </div>
    </section>
  )
}
