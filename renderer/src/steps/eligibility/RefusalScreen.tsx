import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'
import { EligibilityFacts } from './EligibilityStep'

/** Eligibility said no: why, in the core's sentence, and the end of the enrollment (no file). */
export function RefusalScreen({ api }: StepProps) {
  const { t } = useTranslation()
  const { refusal, eligibility } = api.view
  return (
    <section className="step step-refused" aria-labelledby="step-title" data-testid="refusal">
      <StepHeading step="eligibility" title={t('enrollment.eligibility.refusedTitle')} />
      <p className="intro">{t('enrollment.eligibility.refusedIntro')}</p>
      {refusal && (
        <p className="notice notice-error" data-testid="refusal-reason">
          {t(refusal.key, refusal.params ?? {})}
        </p>
      )}
      {eligibility && <EligibilityFacts eligibility={eligibility} withReason={false} />}
      {api.error && <ErrorNotice error={api.error} />}
      <div className="step-actions">
        <button
          type="button"
          className="primary"
          disabled={api.busy}
          onClick={() => void api.finish()}
        >
          {t('enrollment.eligibility.finish')}
        </button>
      </div>
    </section>
  )
}
