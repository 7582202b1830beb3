import { useTranslation } from 'react-i18next'
import type { ChipVerdicts, IdentityView } from '../../../../electron/contract'

const WARNING = '⚠ '

/** Who the citizen is, where it comes from, the chip's verdicts and every field that differs. */
export function IdentitySummary({ identity }: { identity: IdentityView }) {
  const { t } = useTranslation()
  const { person } = identity
  return (
    <section className="identity-summary" aria-labelledby="identity-title" data-testid="identity">
      <h3 id="identity-title">{t('enrollment.identify.identityTitle')}</h3>
      <div className="identity-body">
        {identity.chipFaceDataUrl && (
          <img
            className="chip-photo"
            src={identity.chipFaceDataUrl}
            alt={t('enrollment.identify.photoAlt')}
            data-testid="chip-photo"
          />
        )}
        <dl className="facts">
          <dt>{t('enrollment.identify.fields.fullName')}</dt>
          <dd data-testid="person-name">{person.fullName}</dd>
          <dt>{t('enrollment.identify.fields.idNumber')}</dt>
          <dd data-testid="person-id">{person.idNumber}</dd>
          <dt>{t('enrollment.identify.fields.dateOfBirth')}</dt>
          <dd>{person.dateOfBirth}</dd>
          <dt>{t('enrollment.identify.fields.sex')}</dt>
          <dd>{t(`enrollment.identify.sexes.${person.sex ?? 'unknown'}`)}</dd>
          <dt>{t('enrollment.identify.fields.nationality')}</dt>
          <dd>{t(`enrollment.identify.nationalities.${person.nationality}`)}</dd>
          <dt>{t('enrollment.identify.fields.placeOfResidence')}</dt>
          <dd>{person.placeOfResidence ?? t('enrollment.review.none')}</dd>
          <dt>{t('enrollment.identify.fields.document')}</dt>
          <dd>{t(`enrollment.identify.documents.${identity.document}`)}</dd>
          {identity.cccdApplicationRef && (
            <>
              <dt>{t('enrollment.identify.applicationRef')}</dt>
              <dd>{identity.cccdApplicationRef}</dd>
            </>
          )}
          {identity.residenceCard && (
            <>
              <dt>{t('enrollment.identify.residenceTitle')}</dt>
              <dd data-testid="residence-card">
                {t('enrollment.identify.residenceRecorded', {
                  kind: t(`enrollment.identify.residenceKinds.${identity.residenceCard.kind}`),
                  number: identity.residenceCard.number,
                })}
              </dd>
            </>
          )}
          <dt>{t('enrollment.review.source')}</dt>
          <dd data-testid="identity-source">
            {t(`enrollment.identify.sources.${identity.source}`)}
          </dd>
        </dl>
      </div>
      {identity.chip ? (
        <ChipVerdictList verdicts={identity.chip} />
      ) : (
        <p className="notice notice-warning" data-testid="not-chip-verified">
          <span aria-hidden="true">{WARNING}</span>
          {t('enrollment.identify.notChipVerified')}
        </p>
      )}
      {identity.mismatches.length > 0 && <Mismatches identity={identity} />}
    </section>
  )
}

/** Each chip check with a plain sentence of what its verdict means. */
export function ChipVerdictList({ verdicts }: { verdicts: ChipVerdicts }) {
  const { t } = useTranslation()
  const rows = [
    {
      check: 'passiveAuth',
      text: `passiveAuth.${verdicts.passiveAuth}`,
      good: verdicts.passiveAuth === 'valid',
      verdict: verdicts.passiveAuth,
    },
    {
      check: 'chipAuth',
      text: `cloneCheck.${verdicts.chipAuth}`,
      good: verdicts.chipAuth !== 'failed',
      verdict: verdicts.chipAuth,
    },
    {
      check: 'activeAuth',
      text: `cloneCheck.${verdicts.activeAuth}`,
      good: verdicts.activeAuth !== 'failed',
      verdict: verdicts.activeAuth,
    },
  ] as const
  return (
    <section aria-labelledby="verdicts-title" className="verdicts">
      <h4 id="verdicts-title">{t('enrollment.identify.verdictsTitle')}</h4>
      <p className="detail">{t('enrollment.identify.access', { protocol: verdicts.access })}</p>
      <ul>
        {rows.map((row) => (
          <li
            key={row.check}
            data-check={row.check}
            data-verdict={row.verdict}
            className={row.good ? 'verdict-good' : 'verdict-bad'}
          >
            <strong>{t(`enrollment.identify.verdictLabels.${row.check}`)}</strong>{' '}
            <span aria-hidden="true">{row.good ? '✓' : '✗'}</span>{' '}
            {t(`enrollment.identify.verdicts.${row.text}`)}
          </li>
        ))}
      </ul>
    </section>
  )
}

function Mismatches({ identity }: { identity: IdentityView }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="mismatch-title" className="mismatches" data-testid="mismatches">
      <h4 id="mismatch-title">{t('enrollment.identify.mismatchTitle')}</h4>
      <p>{t('enrollment.identify.mismatchIntro')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('enrollment.identify.mismatchField')}</th>
            <th scope="col">{t('enrollment.identify.mismatchChip')}</th>
            <th scope="col">{t('enrollment.identify.mismatchOther')}</th>
          </tr>
        </thead>
        <tbody>
          {identity.mismatches.map((m) => (
            <tr key={m.field} data-field={m.field}>
              <th scope="row">{t(`enrollment.identify.fields.${m.field}`)}</th>
              <td>{m.chip}</td>
              <td>{m.other}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
