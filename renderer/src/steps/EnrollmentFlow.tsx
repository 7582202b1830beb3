import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  AppInfo,
  EnrollmentStep,
  EnrollmentView,
  KioskClient,
} from '../../../electron/contract'
import { ContactStep } from './contact/ContactStep'
import { DocumentsStep } from './documents/DocumentsStep'
import { EligibilityStep } from './eligibility/EligibilityStep'
import { RefusalScreen } from './eligibility/RefusalScreen'
import { FingerprintsStep } from './fingerprints/FingerprintsStep'
import { IdentifyStep } from './identify/IdentifyStep'
import { PortraitStep } from './portrait/PortraitStep'
import { ReceiptStep } from './receipt/ReceiptStep'
import { ReviewStep } from './review/ReviewStep'
import { CancelEnrollment } from './shared/CancelEnrollment'
import type { StepProps } from './shared/step-props'
import { StepIndicator } from './shared/StepIndicator'
import { useEnrollment } from './shared/use-enrollment'

const STEPS: Record<EnrollmentStep, ComponentType<StepProps>> = {
  identify: IdentifyStep,
  eligibility: EligibilityStep,
  contact: ContactStep,
  documents: DocumentsStep,
  portrait: PortraitStep,
  fingerprints: FingerprintsStep,
  review: ReviewStep,
  receipt: ReceiptStep,
}

/** Steps with nothing before them to go back to (the first, and the end). */
const NO_BACK: readonly EnrollmentStep[] = ['identify', 'receipt']

/**
 * One enrollment from the card on the reader to the receipt: the step indicator, the step the
 * core's view is at, "back" and "cancel". Everything shown is the core's view; `onExit` is called
 * when the enrollment is over (finished, refused and ended, cancelled) and this unmounts with
 * every citizen detail it held.
 */
export function EnrollmentFlow({
  client,
  devicesMode,
  initial,
  onExit,
}: {
  client: KioskClient
  devicesMode: AppInfo['devicesMode']
  initial: EnrollmentView
  onExit: () => void
}) {
  const { t } = useTranslation()
  const api = useEnrollment(client, initial, onExit)
  const { view } = api
  const Step = view.phase === 'refused' ? RefusalScreen : STEPS[view.step]
  const active = view.phase === 'active'
  return (
    <div
      className="enrollment"
      data-testid="enrollment"
      data-step={view.step}
      data-phase={view.phase}
    >
      <StepIndicator step={view.step} />
      {view.recreates && (
        <p className="notice" data-testid="recreates">
          {t('enrollment.flow.recreates', { fileId: view.recreates })}
        </p>
      )}
      {view.returnToReview && <p className="notice">{t('enrollment.flow.returnToReview')}</p>}
      <Step
        key={`${view.phase}:${view.step}`}
        client={client}
        api={api}
        devicesMode={devicesMode}
      />
      {active && (
        <div className="flow-actions no-print">
          {!NO_BACK.includes(view.step) && (
            <button
              type="button"
              disabled={api.busy}
              onClick={() => void api.send({ type: 'back' })}
            >
              {t('enrollment.flow.back')}
            </button>
          )}
          <CancelEnrollment busy={api.busy} onCancel={() => void api.cancel()} />
        </div>
      )}
      {api.busy && (
        <p className="visually-hidden" role="status">
          {t('enrollment.flow.busy')}
        </p>
      )}
    </div>
  )
}
