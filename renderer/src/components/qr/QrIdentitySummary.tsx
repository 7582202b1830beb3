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
  const sex = { M: t('barcode.sex.M'), F: t('barcode.sex.F') }
  // [field, its label, its value]: the field names the row for tests and the step engineer.
  const rows: [string, string, string][] = [
    ['fullName', t('barcode.field.fullName'), person.fullName],
    ['idNumber', t('barcode.field.idNumber'), person.idNumber],
    ['dateOfBirth', t('barcode.field.dateOfBirth'), cardDate(person.dateOfBirth)],
    ['sex', t('barcode.field.sex'), person.sex ? sex[person.sex] : t('barcode.sex.unknown')],
    ['placeOfResidence', t('barcode.field.placeOfResidence'), person.placeOfResidence ?? none],
    [
      'dateOfIssue',
      t('barcode.field.dateOfIssue'),
      parsed.dateOfIssue ? cardDate(parsed.dateOfIssue) : none,
    ],
    ['oldIdNumber', t('barcode.field.oldIdNumber'), parsed.oldIdNumber ?? none],
  ]
  return (
    <section className="qr-found" aria-labelledby="qr-found-title" data-testid="qr-found">
      <h3 id="qr-found-title">{t('barcode.found.title')}</h3>
      <p className="detail">{t(`barcode.source.${source}`)}</p>
      <dl className="qr-fields">
        {rows.map(([field, label, value]) => (
          <div key={field}>
            <dt>{label}</dt>
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
