import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CONSENT_VERSION,
  consentPurposes,
  consentSections,
  languages,
  type ConsentPurpose,
  type EnrollmentView,
  type Language,
} from '../../../../electron/contract'

/**
 * The Decree 13/2023 notice in the language the citizen reads (the core hashes that same text),
 * one unticked box per purpose; the level-2 account's box is required.
 */
export function ConsentNotice({
  consent,
  busy,
  onAccept,
}: {
  consent: EnrollmentView['consent']
  busy: boolean
  onAccept: (language: Language, purposes: ConsentPurpose[]) => void
}) {
  const { t, i18n } = useTranslation()
  const [language, setLanguage] = useState<Language>(
    consent?.language ?? (i18n.resolvedLanguage === 'en' ? 'en' : 'vi'),
  )
  const [ticked, setTicked] = useState<ReadonlySet<ConsentPurpose>>(
    new Set(consent?.purposes ?? []),
  )
  const [tried, setTried] = useState(false)
  const toggle = (purpose: ConsentPurpose) =>
    setTicked((set) => {
      const next = new Set(set)
      if (next.has(purpose)) next.delete(purpose)
      else next.add(purpose)
      return next
    })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!ticked.has('level2Account')) return
    onAccept(
      language,
      consentPurposes.filter((p) => ticked.has(p)),
    )
  }
  return (
    <form
      className="consent"
      onSubmit={submit}
      data-testid="consent"
      aria-labelledby="consent-title"
    >
      <h3 id="consent-title">{t('enrollment.review.consentTitle')}</h3>
      <div
        className="language-switch"
        role="group"
        aria-label={t('enrollment.review.consentLanguage')}
      >
        {languages.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={language === l}
            onClick={() => setLanguage(l)}
          >
            {t(`language.${l}`)}
          </button>
        ))}
      </div>
      <ConsentText language={language} />
      <PurposeBoxes language={language} ticked={ticked} onToggle={toggle} />
      {tried && !ticked.has('level2Account') && (
        <p className="notice notice-error" role="alert">
          {t('enrollment.review.accountNeeded')}
        </p>
      )}
      <ConsentState consent={consent} />
      <button type="submit" disabled={busy}>
        {t('enrollment.review.accept')}
      </button>
    </form>
  )
}

/** The notice itself, in the citizen's language: title, then each section in the hashed order. */
function ConsentText({ language }: { language: Language }) {
  const { t, i18n } = useTranslation()
  const read = useMemo(() => i18n.getFixedT(language), [i18n, language])
  return (
    <article className="consent-text" lang={language} data-testid="consent-text">
      <h4>{read('consent.title')}</h4>
      {consentSections.map((section) => (
        <section key={section}>
          <h5>{read(`consent.${section}.heading`)}</h5>
          <p>{read(`consent.${section}.body`)}</p>
        </section>
      ))}
      <p className="detail">
        {t('enrollment.review.consentVersion', { version: CONSENT_VERSION })}
      </p>
    </article>
  )
}

function ConsentState({ consent }: { consent: EnrollmentView['consent'] }) {
  const { t } = useTranslation()
  if (!consent)
    return (
      <p className="detail" data-testid="consent-missing">
        {t('enrollment.review.consentMissing')}
      </p>
    )
  return (
    <p className="notice notice-ok" role="status" data-testid="consent-recorded">
      {t('enrollment.review.consentRecorded', {
        version: consent.version,
        language: t(`language.${consent.language}`),
        hash: consent.textSha256.slice(0, 12),
      })}
    </p>
  )
}

/** One unticked box per purpose (Art. 11(3)), labelled in the citizen's language. */
function PurposeBoxes({
  language,
  ticked,
  onToggle,
}: {
  language: Language
  ticked: ReadonlySet<ConsentPurpose>
  onToggle: (purpose: ConsentPurpose) => void
}) {
  const { t, i18n } = useTranslation()
  const read = useMemo(() => i18n.getFixedT(language), [i18n, language])
  return (
    <fieldset lang={language}>
      <legend>{t('enrollment.review.purposesLabel')}</legend>
      {consentPurposes.map((purpose) => (
        <label key={purpose} className="check">
          <input
            type="checkbox"
            name={purpose}
            checked={ticked.has(purpose)}
            onChange={() => onToggle(purpose)}
          />
          <span>
            {read(`consent.purposeChoices.${purpose}`)}
            {purpose === 'level2Account' && <> {t('enrollment.review.required')}</>}
          </span>
        </label>
      ))}
    </fieldset>
  )
}
