import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  ApprovalException,
  EnrollmentException,
  KioskClient,
} from '../../../../electron/contract'
import { ApprovalDialog } from '../../screens/approval/ApprovalDialog'

/**
 * Every condition of the file that needs a supervisor, why (the core's sentence) and whether it
 * is approved; each unapproved one opens the approval dialog for exactly that exception.
 */
export function ExceptionList({
  client,
  exceptions,
  onApproved,
}: {
  client: KioskClient
  exceptions: EnrollmentException[]
  /** A supervisor granted one: the core's view says what is approved now. */
  onApproved: () => void
}) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState<ApprovalException | null>(null)
  return (
    <section
      className="review-exceptions"
      aria-labelledby="exceptions-title"
      data-testid="exceptions"
    >
      <h3 id="exceptions-title">{t('enrollment.review.exceptionsTitle')}</h3>
      {exceptions.length === 0 ? (
        <p>{t('enrollment.review.noExceptions')}</p>
      ) : (
        <ul>
          {exceptions.map((e) => (
            <li key={e.exception} data-exception={e.exception} data-approved={e.approved}>
              <strong>{t(`approval.exceptions.${e.exception}`)}</strong>
              <span>{t(e.why.key, e.why.params ?? {})}</span>
              <span className={e.approved ? 'status-ok' : 'status-problem'}>
                <span aria-hidden="true">{e.approved ? '✓ ' : '⚠ '}</span>
                {e.approved ? t('enrollment.review.approved') : t('enrollment.review.notApproved')}
              </span>
              {!e.approved && (
                <button type="button" onClick={() => setAsking(e.exception)}>
                  {t('enrollment.review.approve')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {asking && (
        <ApprovalDialog
          client={client}
          exception={asking}
          onClose={(approval) => {
            setAsking(null)
            if (approval) onApproved()
          }}
        />
      )}
    </section>
  )
}
