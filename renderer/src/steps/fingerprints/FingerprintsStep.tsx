import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { FingerprintScreen } from '../../screens/fingerprints/FingerprintScreen'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'

/**
 * Step 6: the ten fingers on the fingerprint screen; when each is captured or recorded as
 * missing, the core takes this window's fingers (`fingerprints.done`): no print is sent back.
 */
export function FingerprintsStep({ client, api }: StepProps) {
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
      <FingerprintScreen
        client={client}
        onDone={() => void api.send({ type: 'fingerprints.done' })}
      />
      {api.busy && <p role="status">{t('enrollment.fingerprints.using')}</p>}
      {api.error && <ErrorNotice error={api.error} />}
    </section>
  )
}
