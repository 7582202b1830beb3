import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorNotice } from '../../components/ErrorNotice'
import { QrCapture } from '../../components/qr/QrCapture'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'
import { ChipReadPanel } from './ChipReadPanel'
import { IdentitySummary } from './IdentitySummary'
import { identifyModes, type IdentifyMode } from './modes'
import { PersonForm } from './PersonForm'
import { ResidenceCardForm } from './ResidenceCardForm'

/**
 * Step 1: the chip read with the CAN (a CCCD) or the MRZ (a foreigner's passport, then the
 * residence card), or the identity typed in, or a citizen without a chip card from the papers.
 * What the core took is shown with the chip's verdicts and any field that differs.
 */
export function IdentifyStep({ client, api, devicesMode }: StepProps) {
  const { t } = useTranslation()
  const identity = api.view.identity
  const [mode, setMode] = useState<IdentifyMode>(identity?.source === 'papers' ? 'papers' : 'chip')
  const send = (intent: Parameters<typeof api.send>[0]) => void api.send(intent)
  const needsResidenceCard = identity?.person.nationality === 'foreign' && !identity.residenceCard

  return (
    <section className="step step-identify" aria-labelledby="step-title">
      <StepHeading step="identify" title={t('enrollment.identify.title')} />
      <div className="mode-switch" role="group" aria-label={t('enrollment.identify.modesLabel')}>
        {identifyModes.map((m) => (
          <button key={m} type="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {t(`enrollment.identify.modes.${m}`)}
          </button>
        ))}
      </div>
      {(mode === 'chip' || mode === 'passport') && (
        <ChipReadPanel
          key={mode}
          client={client}
          kind={mode === 'chip' ? 'cccd' : 'passport'}
          simulated={devicesMode === 'simulated'}
          busy={api.busy}
          onRead={() => send({ type: 'identify.chip' })}
        />
      )}
      {mode === 'qr' && (
        <QrCapture
          client={client}
          onIdentity={(person, document) =>
            send({ type: 'identify.entered', source: 'qr', person, document })
          }
        />
      )}
      {(mode === 'manual' || mode === 'papers') && (
        <PersonForm key={mode} kind={mode} busy={api.busy} onSend={send} />
      )}
      {api.error && <ErrorNotice error={api.error} />}
      {identity && <IdentitySummary identity={identity} />}
      {needsResidenceCard && (
        <>
          <p className="notice notice-warning" data-testid="residence-missing">
            {t('enrollment.identify.residenceMissing')}
          </p>
          <ResidenceCardForm busy={api.busy} onSend={send} />
        </>
      )}
      <div className="step-actions">
        <button
          type="button"
          className="primary"
          disabled={!identity || api.busy}
          onClick={() => send({ type: 'identify.confirm' })}
        >
          {t('enrollment.flow.continue')}
        </button>
      </div>
    </section>
  )
}
