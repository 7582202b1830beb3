import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  MOBILE_NETWORK_NAMES,
  type editableSteps,
  type EnrollmentView,
} from '../../../../electron/contract'
import { EligibilityFacts } from '../eligibility/EligibilityStep'
import { IdentitySummary } from '../identify/IdentitySummary'

/** The network's name as people write it (the view holds its code). */
const networkName = (code: string): string =>
  Object.entries(MOBILE_NETWORK_NAMES).find(([key]) => key === code)?.[1] ?? code

type EditableStep = (typeof editableSteps)[number]

/** Every part of the file on one screen, each with its "edit" button (to the step and back). */
export function ReviewSummary({
  view,
  busy,
  onEdit,
}: {
  view: EnrollmentView
  busy: boolean
  onEdit: (step: EditableStep) => void
}) {
  const { t } = useTranslation()
  const none = t('enrollment.review.none')
  const part = (step: EditableStep, body: ReactNode) => (
    <section key={step} className="review-part" aria-labelledby={`review-${step}`} data-part={step}>
      <div className="review-part-head">
        <h3 id={`review-${step}`}>{t(`enrollment.steps.${step}`)}</h3>
        <button type="button" disabled={busy} onClick={() => onEdit(step)}>
          {t('enrollment.review.edit', { step: t(`enrollment.steps.${step}`) })}
        </button>
      </div>
      {body}
    </section>
  )
  const { contact, documents, portrait, fingerprints } = view
  return (
    <div className="review-summary">
      {part(
        'identify',
        view.identity ? <IdentitySummary identity={view.identity} /> : <p>{none}</p>,
      )}
      {part(
        'eligibility',
        view.eligibility ? <EligibilityFacts eligibility={view.eligibility} /> : <p>{none}</p>,
      )}
      {part(
        'contact',
        <dl className="facts">
          <dt>{t('enrollment.review.phone')}</dt>
          <dd>
            {contact
              ? `${contact.phone}${contact.network ? ` · ${networkName(contact.network)}` : ''}`
              : none}
          </dd>
          <dt>{t('enrollment.review.email')}</dt>
          <dd>{contact?.email ?? none}</dd>
        </dl>,
      )}
      {part('documents', <DocumentsLine documents={documents} />)}
      {part(
        'portrait',
        portrait ? (
          <p className="review-portrait">
            <img src={portrait.tokenDataUrl} alt={t('enrollment.review.portraitAlt')} />
            <span>{t(`enrollment.review.portraitCapture.${portrait.capture}`)}</span>
            <span>{t(`portrait.verdicts.${portrait.match.verdict}`)}</span>
          </p>
        ) : (
          <p>{none}</p>
        ),
      )}
      {part(
        'fingerprints',
        <p>
          {fingerprints
            ? t('enrollment.fingerprints.summary', {
                captured: fingerprints.captured,
                missing: fingerprints.missing.length,
              })
            : none}
        </p>,
      )}
    </div>
  )
}

function DocumentsLine({ documents }: { documents: EnrollmentView['documents'] }) {
  const { t } = useTranslation()
  const none = t('enrollment.review.none')
  const licence = documents?.drivingLicence
  return (
    <p>
      {t('enrollment.review.documentsSummary', {
        health: documents?.healthInsurance ?? none,
        licence: licence ? `${licence.number} (${licence.licenceClass})` : none,
        vehicles: documents?.vehicleRegistrations.map((v) => v.plate).join(', ') || none,
        photos: documents?.photos.length ?? 0,
      })}
    </p>
  )
}
