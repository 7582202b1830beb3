import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReceiptView } from '../../../../electron/contract'
import { ErrorNotice } from '../../components/ErrorNotice'
import { formatStationTime } from '../../screens/queue/format-time'
import { StepHeading } from '../shared/StepHeading'
import type { StepProps } from '../shared/step-props'

/** The status QR as an SVG string; null until made, or if it could not be. */
function useStatusQr(text: string): { svg: string | null; failed: boolean } {
  const [state, setState] = useState<{ svg: string | null; failed: boolean }>({
    svg: null,
    failed: false,
  })
  useEffect(() => {
    let live = true
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
      .then((svg) => live && setState({ svg, failed: false }))
      .catch(() => live && setState({ svg: null, failed: true }))
    return () => {
      live = false
    }
  }, [text])
  return state
}

/**
 * Step 8: the file number and the status QR, the citizen's name and nothing else of theirs; the
 * print stylesheet prints only this. "Done" forgets the enrollment on the core and here.
 */
export function ReceiptStep({ api }: StepProps) {
  const { t } = useTranslation()
  const receipt = api.view.receipt
  return (
    <section className="step step-receipt" aria-labelledby="step-title">
      <StepHeading step="receipt" title={t('enrollment.receipt.title')} />
      {receipt && <Receipt receipt={receipt} />}
      {api.error && <ErrorNotice error={api.error} />}
      <div className="step-actions no-print">
        <button type="button" onClick={() => window.print()}>
          {t('enrollment.receipt.print')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={api.busy}
          onClick={() => void api.finish()}
        >
          {t('enrollment.receipt.done')}
        </button>
      </div>
    </section>
  )
}

function Receipt({ receipt }: { receipt: ReceiptView }) {
  const { t, i18n } = useTranslation()
  const qr = useStatusQr(receipt.statusCode)
  return (
    <article className="receipt printable" data-testid="receipt">
      <h3>{t('enrollment.receipt.heading')}</h3>
      <dl className="facts">
        <dt>{t('enrollment.receipt.name')}</dt>
        <dd data-testid="receipt-name">{receipt.fullName}</dd>
        <dt>{t('enrollment.receipt.fileId')}</dt>
        <dd data-testid="receipt-file-id">{receipt.fileId}</dd>
        <dt>{t('enrollment.receipt.submittedAt')}</dt>
        <dd data-testid="receipt-time">
          {formatStationTime(receipt.submittedAt, i18n.resolvedLanguage ?? 'vi')}
        </dd>
      </dl>
      {qr.svg && (
        <figure className="receipt-qr">
          {/* The SVG is made here by the qrcode package from the file number: no outside markup. */}
          <div
            role="img"
            aria-label={t('enrollment.receipt.qrLabel')}
            data-testid="receipt-qr"
            dangerouslySetInnerHTML={{ __html: qr.svg }}
          />
          <figcaption>{t('enrollment.receipt.qrLabel')}</figcaption>
        </figure>
      )}
      {qr.failed && <p className="detail">{t('enrollment.receipt.qrFailed')}</p>}
      <p className="detail">{t('enrollment.receipt.note')}</p>
    </article>
  )
}
