import { useTranslation } from 'react-i18next'
import type { ParsedCccdQr } from '../../../../electron/contract'
import type { QrSource } from './use-qr-payloads'

/** YYYY-MM-DD with 00 where unknown → DD/MM/YYYY as the card prints it ("00" kept). */
function cardDate(date: string): string {
  const [year, month, day] = date.split('-')
  return `${day}/${month}/${year}`
}

/** What the QR code said, for the officer to check against the card before it is used. */
export function QrIdentitySummary({
  parsed,
  source,
  onConfirm,
  onRescan,
}: {
  parsed: ParsedCccdQr
  source: QrSource
  onConfirm: () => void
  onRescan: () => void
}) {
  const { t } = useTranslation()
  const { person } = parsed
  const none = t('barcode.none')
  const rows: [string, string][] = [
    ['fullName', person.fullName],
    ['idNumber', person.idNumber],
    ['dateOfBirth', cardDate(person.dateOfBirth)],
    ['sex', t(`barcode.sex.${person.sex ?? 'unknown'}`)],
    ['placeOfResidence', person.placeOfResidence ?? none],
    ['dateOfIssue', parsed.dateOfIssue ? cardDate(parsed.dateOfIssue) : none],
    ['oldIdNumber', parsed.oldIdNumber ?? none],
  ]
  return (
    <section className="qr-found" aria-labelledby="qr-found-title" data-testid="qr-found">
      <h3 id="qr-found-title">{t('barcode.found.title')}</h3>
      <p className="detail">{t(`barcode.source.${source}`)}</p>
      <dl className="qr-fields">
        {rows.map(([field, value]) => (
          <div key={field}>
            <dt>{t(`barcode.field.${field}`)}</dt>
            <dd data-field={field}>{value}</dd>
          </div>
        ))}
      </dl>
      {parsed.variant === 'six-field' && (
        <p className="notice notice-training" role="status">
          {t('barcode.sixField')}
        </p>
      )}
      <p>{t('barcode.found.check')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} autoFocus>
          {t('barcode.found.confirm')}
        </button>
        <button type="button" onClick={onRescan}>
          {t('barcode.found.rescan')}
        </button>
      </div>
    </section>
  )
}
