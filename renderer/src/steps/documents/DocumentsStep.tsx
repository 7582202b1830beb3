import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentsView, EnrollmentIntent } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { RuleField } from '../shared/RuleField'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'
import type { DocumentCamera } from './document-camera'
import { documentHints } from './document-hints'
import {
  LicenceFields,
  VehicleFields,
  type LicenceDraft,
  type VehicleDraft,
} from './DocumentFields'
import { DocumentPhotos } from './DocumentPhotos'

/** What the licence printed for "no expiry", which the rule reads as such. */
const NO_EXPIRY = 'Không thời hạn'

function licenceFrom(documents: DocumentsView | null): LicenceDraft {
  const licence = documents?.drivingLicence
  return {
    number: licence?.number ?? '',
    licenceClass: licence?.licenceClass ?? '',
    expiry: licence ? (licence.expiry ?? NO_EXPIRY) : '',
  }
}

/** The documents intent: only what was filled in (the core checks each with its rule). */
export function documentsIntent(
  health: string,
  licence: LicenceDraft,
  vehicles: VehicleDraft[],
): EnrollmentIntent {
  const hasLicence = licence.number.trim() !== '' || licence.licenceClass !== ''
  const expiry = licence.expiry.trim()
  return {
    type: 'documents.set',
    ...(health.trim() ? { healthInsurance: health } : {}),
    ...(hasLicence
      ? {
          drivingLicence: {
            number: licence.number,
            licenceClass: licence.licenceClass,
            ...(expiry ? { expiry } : {}),
          },
        }
      : {}),
    vehicleRegistrations: vehicles
      .filter((v) => v.plate.trim() !== '' || v.registrationNumber.trim() !== '')
      .map((v) => ({
        plate: v.plate,
        ...(v.registrationNumber.trim() ? { registrationNumber: v.registrationNumber } : {}),
      })),
  }
}

function useHints(today: string | null) {
  const { t } = useTranslation()
  return documentHints(
    {
      health: (number, group) =>
        group === null
          ? t('enrollment.documents.healthOk', { number })
          : t('enrollment.documents.healthUnknownGroup', { number, group }),
      licence: t('enrollment.documents.licenceOk'),
      expiry: (none) =>
        none ? t('enrollment.documents.noExpiry') : t('enrollment.documents.expiryOk'),
      plate: (display, locality) => t('enrollment.documents.plateOk', { display, locality }),
      registration: t('enrollment.documents.registrationOk'),
    },
    today,
  )
}

/**
 * Step 4: the documents the citizen chooses to add, each optional: health insurance, driving
 * licence, vehicle registrations, and photos of them. The rules' hints show while typing.
 */
export function DocumentsStep({ api, camera }: StepProps & { camera?: DocumentCamera }) {
  const { t } = useTranslation()
  const documents = api.view.documents
  const [health, setHealth] = useState(documents?.healthInsurance ?? '')
  const [licence, setLicence] = useState(() => licenceFrom(documents))
  const [vehicles, setVehicles] = useState<VehicleDraft[]>(
    (documents?.vehicleRegistrations ?? []).map((v) => ({
      plate: v.plate,
      registrationNumber: v.registrationNumber ?? '',
    })),
  )
  // The expiry is checked against the day the core applied the rules on (no clock here).
  const hints = useHints(api.view.eligibility?.on ?? null)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void api.send(documentsIntent(health, licence, vehicles))
  }
  return (
    <section className="step step-documents" aria-labelledby="step-title">
      <StepHeading step="documents" title={t('enrollment.documents.title')} />
      <p className="intro">{t('enrollment.documents.intro')}</p>
      <form className="step-form" onSubmit={submit}>
        <RuleField
          name="healthInsurance"
          label={t('enrollment.documents.healthInsurance')}
          value={health}
          onChange={setHealth}
          hint={hints.health(health)}
        />
        <LicenceFields licence={licence} hints={hints} onChange={setLicence} />
        <VehicleFields vehicles={vehicles} hints={hints} onChange={setVehicles} />
        <DocumentPhotos api={api} {...(camera ? { camera } : {})} />
        {api.error && <ErrorNotice error={api.error} />}
        <div className="step-actions">
          <button type="submit" className="primary" disabled={api.busy}>
            {t('enrollment.flow.continue')}
          </button>
        </div>
      </form>
    </section>
  )
}
