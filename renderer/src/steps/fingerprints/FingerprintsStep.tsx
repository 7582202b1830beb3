import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'

/**
 * Step 6: the ten fingers. The capture screen (screens/fingerprints/FingerprintScreen) is built
 * apart; until it is merged this step says so and the enrollment waits here.
 */
export function FingerprintsStep({ api }: StepProps) {
  const { t } = useTranslation()
  const done = api.view.fingerprints
  return (
    <section className="step step-fingerprints" aria-labelledby="step-title">
      <StepHeading step="fingerprints" title={t('enrollment.fingerprints.title')} />
      {done && (
        <p data-testid="fingerprints-summary">
          {t('enrollment.fingerprints.summary', {
            captured: done.captured,
            missing: done.missing.length,
          })}
        </p>
      )}
      <p className="notice notice-warning" data-testid="fingerprints-unavailable">
        {t('enrollment.fingerprints.unavailable')}
      </p>
      {api.error && <ErrorNotice error={api.error} />}
    </section>
  )
}
