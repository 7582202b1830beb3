import { useTranslation } from 'react-i18next'
import type { EligibilityView, Grant } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'
import { GuardianForm } from './GuardianForm'

/**
 * Step 2: what Decree 69/2024 Art. 7 grants this citizen (level 1 and 2), the age it was decided
 * on and why; a child under 14 needs the legal representative recorded first.
 */
export function EligibilityStep({ api }: StepProps) {
  const { t } = useTranslation()
  const eligibility = api.view.eligibility
  return (
    <section className="step step-eligibility" aria-labelledby="step-title">
      <StepHeading step="eligibility" title={t('enrollment.eligibility.title')} />
      {eligibility && <EligibilityFacts eligibility={eligibility} />}
      {eligibility?.guardianRequired && (
        <GuardianForm
          guardian={eligibility.guardian}
          busy={api.busy}
          onSave={(guardian) => void api.send({ type: 'eligibility.guardian', guardian })}
        />
      )}
      {api.error && <ErrorNotice error={api.error} />}
      <div className="step-actions">
        <button
          type="button"
          className="primary"
          disabled={api.busy}
          onClick={() => void api.send({ type: 'eligibility.confirm' })}
        >
          {t('enrollment.flow.continue')}
        </button>
      </div>
    </section>
  )
}

function GrantValue({ grant }: { grant: Grant }) {
  const { t } = useTranslation()
  const mark = grant === 'granted' ? '✓' : grant === 'refused' ? '✗' : '…'
  return (
    <dd data-grant={grant} className={`grant grant-${grant}`}>
      <span aria-hidden="true">{mark} </span>
      {t(`enrollment.eligibility.grants.${grant}`)}
    </dd>
  )
}

export function EligibilityFacts({
  eligibility,
  withReason = true,
}: {
  eligibility: EligibilityView
  /** The refusal screen says the reason once, as its notice. */
  withReason?: boolean
}) {
  const { t } = useTranslation()
  return (
    <div className="eligibility" data-testid="eligibility">
      <dl className="facts">
        <dt>{t('enrollment.eligibility.level1')}</dt>
        <GrantValue grant={eligibility.level1} />
        <dt>{t('enrollment.eligibility.level2')}</dt>
        <GrantValue grant={eligibility.level2} />
        <dt>{t('enrollment.eligibility.age')}</dt>
        <dd data-testid="age">
          {t('enrollment.eligibility.years', { count: eligibility.age })}
          {eligibility.ageApproximate && <> {t('enrollment.eligibility.approximate')}</>}
        </dd>
      </dl>
      {withReason && (
        <p className="reason" data-testid="eligibility-reason">
          {t(eligibility.reason.key, eligibility.reason.params ?? {})}
        </p>
      )}
      <p className="detail">{t('enrollment.eligibility.on', { date: eligibility.on })}</p>
    </div>
  )
}
