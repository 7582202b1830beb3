import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { PortraitScreen } from '../../screens/portrait/PortraitScreen'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'

/**
 * Step 5: the live portrait capture; once the main process's re-check accepts a frame, the core
 * takes that portrait (`portrait.use`): the renderer never sends the image back.
 */
export function PortraitStep({ client, api }: StepProps) {
  const { t } = useTranslation()
  return (
    <section className="step step-portrait" aria-labelledby="step-title">
      <StepHeading step="portrait" title={t('enrollment.portrait.title')} />
      <PortraitScreen
        client={client}
        portrait={client.portrait}
        onAccepted={() => void api.send({ type: 'portrait.use' })}
      />
      {api.busy && <p role="status">{t('enrollment.portrait.using')}</p>}
      {api.error && <ErrorNotice error={api.error} />}
    </section>
  )
}
